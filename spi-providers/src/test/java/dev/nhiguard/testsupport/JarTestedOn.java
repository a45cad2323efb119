package dev.nhiguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A copy of the pack's jar that says it was tested on other Keycloak releases: the jar a Keycloak upgrade to a release
 * the pack was not built for leaves in {@code providers/}.
 */
public final class JarTestedOn {

    private static final String BUILD_INFO = "dev/nhiguard/build-info.properties";

    private JarTestedOn() {
    }

    public static Path copy(Path jar, Path directory, String from, String to) {
        Path copy = directory.resolve("nhi-guard-tested-on-" + from + "-" + to + ".jar");
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(BUILD_INFO)) {
                    found = true;
                    out.write(("keycloak.tested.from=" + from + "\nkeycloak.tested.to=" + to + "\n").getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!found) {
            throw new IllegalStateException(jar + " holds no " + BUILD_INFO);
        }
        return copy;
    }
}
