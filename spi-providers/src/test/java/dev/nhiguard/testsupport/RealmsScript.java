package dev.nhiguard.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** scripts/nhi-guard-realms.sh run as an operator runs it, against a server, as its bootstrap admin. */
public final class RealmsScript {

    /** What it printed (standard output and error together) and its exit code. */
    public record Outcome(int exitCode, String output) {
    }

    private RealmsScript() {
    }

    public static Outcome run(URI server, String... args) {
        return run(server, null, args);
    }

    /** As an admin with this bearer token (NHI_ADMIN_TOKEN) instead of the bootstrap admin; null for the bootstrap admin. */
    public static Outcome runWithToken(URI server, String bearer, String... args) {
        return run(server, bearer, args);
    }

    private static Outcome run(URI server, String bearer, String... args) {
        Path script = Path.of(System.getProperty("nhi.realm.exports")).getParent().resolve("scripts/nhi-guard-realms.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("KC_URL", server.toString());
        if (bearer == null) {
            env.put("KC_ADMIN_USER", KeycloakServer.ADMIN_USER);
            env.put("KC_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        } else {
            env.remove("KC_ADMIN_USER");
            env.remove("KC_ADMIN_PASSWORD");
            env.put("NHI_ADMIN_TOKEN", bearer);
        }
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("nhi-guard-realms.sh did not end: " + output);
            }
            return new Outcome(process.exitValue(), output);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
