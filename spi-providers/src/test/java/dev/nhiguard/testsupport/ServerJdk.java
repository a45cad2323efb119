package dev.nhiguard.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JDK that runs Keycloak, as {@code scripts/find-server-jdk.sh} chooses it: the harness asks the same script as
 * run.sh, so a developer's tests and demo always run on the same JDK.
 */
public final class ServerJdk {

    private ServerJdk() {
    }

    public static Path find() {
        return Path.of(run(Map.of()));
    }

    /** Runs the script with extra environment; returns its answer, or throws with what it printed on stderr. */
    static String run(Map<String, String> environment) {
        Path script = Path.of(System.getProperty("nhi.scripts", "../scripts")).resolve("find-server-jdk.sh");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
            builder.environment().putAll(environment);
            environment.forEach((name, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(name);
                }
            });
            Path stderr = Files.createTempFile("find-server-jdk", ".err");
            Process process = builder.redirectError(stderr.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(Files.readString(stderr).trim());
            }
            Files.deleteIfExists(stderr);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
