package dev.nhiguard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK for the Keycloak server, which needs Java 21 or newer while the build itself runs on 17.
 * Order: {@code -Dnhi.server.java.home}, env {@code NHI_SERVER_JAVA_HOME}, {@code JAVA_HOME}, the running JVM,
 * then the usual install folders (newest first).
 */
public final class ServerJdk {

    static final int MINIMUM_FEATURE = 21;

    private ServerJdk() {
    }

    public static Path find() {
        List<Path> candidates = new ArrayList<>();
        addIfSet(candidates, System.getProperty("nhi.server.java.home"));
        addIfSet(candidates, System.getenv("NHI_SERVER_JAVA_HOME"));
        addIfSet(candidates, System.getenv("JAVA_HOME"));
        addIfSet(candidates, System.getProperty("java.home"));
        candidates.addAll(installed());
        for (Path home : candidates) {
            if (featureVersion(home).orElse(0) >= MINIMUM_FEATURE && Files.isExecutable(home.resolve("bin/java"))) {
                return home;
            }
        }
        throw new IllegalStateException("Keycloak 26.7.3 needs a JDK " + MINIMUM_FEATURE + " or newer to run, and none was found. "
                + "Looked at: " + candidates + ". Install one (for example Temurin 21 or 25) or point "
                + "NHI_SERVER_JAVA_HOME at it.");
    }

    private static void addIfSet(List<Path> candidates, String value) {
        if (value != null && !value.isBlank()) {
            candidates.add(Path.of(value));
        }
    }

    private static List<Path> installed() {
        List<Path> roots = List.of(
                Path.of("/usr/lib/jvm"),
                Path.of("/usr/java"),
                Path.of("/opt/java"),
                Path.of("/Library/Java/JavaVirtualMachines"),
                Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"));
        List<Path> homes = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.map(p -> Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p)
                        .forEach(homes::add);
            } catch (IOException ignored) {
                // an unreadable folder holds no usable JDK
            }
        }
        homes.sort(Comparator.comparing((Path p) -> featureVersion(p).orElse(0)).reversed());
        return homes;
    }

    /** Reads JAVA_VERSION from the JDK's {@code release} file, which every JDK since 9 ships. */
    static Optional<Integer> featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.split("[.+-]")[0];
        try {
            return Optional.of(Integer.parseInt(feature));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
