package dev.nhiguard.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed round of token requests. With wrk on the PATH (apt-get install wrk) the load comes from it: one thread,
 * {@code connections} keep-alive connections, a small C program that leaves the two cores to Keycloak. Without it,
 * from Java threads in this JVM ({@link LoadRound}), which costs the server more CPU; the report says which.
 */
final class Load {

    /** What a round achieved: successful requests, failed ones, seconds, and latency percentiles. */
    record Result(long successes, long failures, double seconds, double p50Millis, double p99Millis) {

        double throughput() {
            return successes / seconds;
        }
    }

    private Load() {
    }

    static String loader() {
        return wrk() != null ? "wrk (1 thread)" : "Java HttpClient threads in the benchmark JVM";
    }

    static Result run(URI endpoint, String form, int connections, Duration length) throws Exception {
        Path wrk = wrk();
        if (wrk == null) {
            LoadRound.Result r = LoadRound.run(endpoint, form, connections, length);
            List<Long> sorted = new ArrayList<>(r.latencies());
            Collections.sort(sorted);
            return new Result(sorted.size(), r.failures(), r.elapsedNanos() / 1e9, percentile(sorted, 0.5), percentile(sorted, 0.99));
        }
        Path script = Files.createTempFile("nhi-bench", ".lua");
        try {
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = \"" + form.replace("\"", "\\\"") + "\"\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n", StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(wrk.toString(), "-t1", "-c" + connections, "-d" + length.toSeconds() + "s",
                    "--latency", "-s", script.toString(), endpoint.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(length.toSeconds() + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String output) {
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)").matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        long requests = Long.parseLong(total.group(1));
        double seconds = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
            case "ms" -> 0.001;
            case "m" -> 60;
            default -> 1;
        };
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        long refused = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        long failures = refused;
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(errors.group(g));
            }
        }
        return new Result(requests - refused, failures, seconds, latency(output, "50%"), latency(output, "99%"));
    }

    private static double latency(String output, String percentile) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        return sortedNanos.get((int) Math.min(sortedNanos.size() - 1, Math.ceil(p * sortedNanos.size()) - 1)) / 1e6;
    }

    private static Path wrk() {
        if (Boolean.getBoolean("bench.javaLoad")) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
