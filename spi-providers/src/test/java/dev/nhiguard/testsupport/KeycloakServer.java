package dev.nhiguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak (the version the build names) from the Maven Central distribution, with the freshly built nhi-guard.jar in
 * {@code providers/} and the demo realm imported, on loopback ports chosen at run time. One per test run.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-it-password";
    public static final int MAX_PAGE_SIZE = 2000;
    /**
     * Keycloak's Shared Signals transmitter (feature ssf, experimental) as the tests use it: the receivers they run listen
     * on loopback over HTTP, and pushes leave within a second of the commit.
     */
    public static final List<String> SIGNALS_OPTIONS = List.of("--spi-ssf-transmitter--default--allow-insecure-push-targets=true",
            "--spi-ssf-transmitter--default--outbox-drainer-interval=1s");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path home;
    private final Process process;
    private final int httpPort;
    private final int httpsPort;
    private final TestPki pki;
    private final TestPki otherPki;
    private final TestPki demoPki;
    private final Path log;

    private int managementPort;
    private Path jsonLog;
    private List<String> commandLine = List.of();

    private KeycloakServer(Path home, Process process, int httpPort, int httpsPort, TestPki pki, TestPki otherPki, TestPki demoPki,
                           Path log) {
        this.home = home;
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.pki = pki;
        this.otherPki = otherPki;
        this.demoPki = demoPki;
        this.log = log;
    }

    /** The shared server of the test run: embedded H2, created afresh. */
    public static KeycloakServer start() {
        return start(Options.shared());
    }

    /**
     * How to start a server: extra command-line options (a database, SPI options), whether to start from an empty
     * database (a restart keeps it), where its log goes, and whether it is a Keycloak with the pack (its jar, the
     * demo realm, the pack's debug log) or a vanilla one for comparison (none of them).
     */
    public record Options(List<String> extraArgs, boolean freshData, Path log, boolean withPack, boolean debugLog, String node, Path jar) {

        public Options(List<String> extraArgs, boolean freshData, Path log, boolean withPack, boolean debugLog) {
            this(extraArgs, freshData, log, withPack, debugLog, null, null);
        }

        /** The same server with another build of the pack in {@code providers/} (an earlier release, for a migration). */
        public Options withJar(Path otherJar) {
            return new Options(extraArgs, freshData, log, withPack, debugLog, node, otherJar);
        }

        /**
         * A node of a cluster on this machine: a Keycloak home of its own (a copy of the distribution, so the nodes'
         * data directories and builds do not meet), its own log; the cluster options come with {@code extraArgs}.
         */
        public static Options clusterNode(String node, List<String> extraArgs, boolean freshData) {
            return new Options(extraArgs, freshData, logNamed("cluster-" + node), true, true, node, null);
        }

        static Options shared() {
            Path log = Path.of(System.getProperty("nhi.server.log", "target/keycloak-it.log"));
            List<String> args = new ArrayList<>(List.of("--spi-events-listener--nhi-expiry--sweep-check-interval=86400",
                    // Keycloak's secret rotation (preview) and Shared Signals transmitter (experimental), which the pack builds on
                    "--features=client-secret-rotation,ssf",
                    // what a SIEM set-up would have: metrics, and Keycloak's JSON log file beside the console
                    "--metrics-enabled=true", "--log=console,file", "--log-file-output=json",
                    "--log-file=" + jsonLogOf(log),
                    // the open-findings gauge is counted often enough for a test to read it
                    "--spi-events-listener--nhi-identity-context--findings-interval=10",
                    // a non-default executor option, so ServerInfoIT proves it reaches the pack
                    "--spi-client-policy-executor--nhi-credential-policy--census-interval=30"));
            args.addAll(SIGNALS_OPTIONS);
            return new Options(List.copyOf(args), true, log, true, true);
        }

        /** A server of its own for a database test, logging next to the shared server's log. */
        public static Options of(String name, List<String> extraArgs, boolean freshData) {
            return new Options(extraArgs, freshData, logNamed(name), true, true);
        }

        /** A server for a benchmark: fresh H2, no debug logging; with the pack or vanilla. */
        public static Options benchmark(String name, boolean withPack, List<String> extraArgs) {
            return new Options(extraArgs, true, logNamed(name), withPack, false);
        }

        /** The same, keeping the database of an earlier run when {@code keepData} (a large realm takes minutes to build). */
        public static Options benchmark(String name, List<String> extraArgs, boolean keepData) {
            return new Options(extraArgs, !keepData, logNamed(name), true, false);
        }

        /** Where a server started with these options writes Keycloak's JSON log file, if it does. */
        public Path jsonLog() {
            return jsonLogOf(log);
        }

        private static Path jsonLogOf(Path log) {
            return log.toAbsolutePath().resolveSibling(log.getFileName().toString().replace(".log", "") + "-json.log");
        }

        private static Path logNamed(String name) {
            Path shared = Path.of(System.getProperty("nhi.server.log", "target/keycloak-it.log")).toAbsolutePath();
            return shared.resolveSibling("keycloak-" + name + ".log");
        }
    }

    public static KeycloakServer start(Options options) {
        Path home = options.node() == null ? Path.of(required("nhi.keycloak.home")) : nodeHome(options.node());
        Path jar = options.jar() != null ? options.jar() : Path.of(required("nhi.provider.jar"));
        Path exports = Path.of(required("nhi.realm.exports"));
        Path log = options.log();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (run through 'mvn verify', which unpacks it)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The provider jar " + jar + " does not exist; build it with 'mvn package' first");
        }
        try {
            prepare(home, jar, exports, options.freshData(), options.withPack());
            Files.deleteIfExists(options.jsonLog()); // only this run's records
            TestPki pki = TestPki.create();
            TestPki otherPki = TestPki.create("CN=NHI Guard Other CA,O=NHI Guard IT");
            // the name scripts/demo-pki.sh gives its CA, which the demo realm pins as the issuer of its client certificates
            TestPki demoPki = TestPki.create("CN=NHI Guard Demo CA,O=NHI Guard Demo");
            Path pkiDir = Files.createDirectories(log.toAbsolutePath().getParent().resolve("pki"));
            pki.issue("CN=127.0.0.1,O=NHI Guard IT", true, Duration.ofDays(2))
                    .writePem(pkiDir.resolve("server.pem"), pkiDir.resolve("server-key.pem"));
            pki.writeTrustStore(pkiDir.resolve("truststore.p12"), otherPki, demoPki);
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    // port 0: the server binds free ports itself and says which; no race with other servers
                    "--http-port=0",
                    "--http-management-port=0",
                    "--http-management-scheme=http",
                    // HTTPS beside HTTP: certificates are requested, not required, as RFC 8705 deployments do
                    "--https-port=0",
                    "--https-certificate-file=" + pkiDir.resolve("server.pem"),
                    "--https-certificate-key-file=" + pkiDir.resolve("server-key.pem"),
                    "--https-trust-store-file=" + pkiDir.resolve("truststore.p12"),
                    "--https-trust-store-password=" + new String(TestPki.PASSWORD),
                    "--https-client-auth=request",
                    "--health-enabled=true",
                    options.debugLog() ? "--log-level=INFO,dev.nhiguard:debug" : "--log-level=INFO"));
            if (options.withPack()) {
                command.add("--import-realm");
                // a non-default SPI option, so the tests prove options reach the pack
                command.add("--spi-admin-realm-restapi-extension--nhi-guard--max-page-size=" + MAX_PAGE_SIZE);
            }
            // the shared server's scheduled sweeps would race the tests' own; the scheduler is tested on servers of its own
            command.addAll(options.extraArgs());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", ServerJdk.find().toString());
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1536m");
            // a profiler for benchmarks, e.g. -XX:StartFlightRecording=filename=/tmp/kc.jfr,settings=profile
            String append = System.getenv("NHI_SERVER_JAVA_OPTS_APPEND");
            if (append != null && !append.isBlank()) {
                env.put("JAVA_OPTS_APPEND", append);
            }
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            ListeningLine listening = awaitListening(process, log);
            KeycloakServer server = new KeycloakServer(home, process, listening.httpPort(), listening.httpsPort(), pki, otherPki, demoPki, log);
            server.commandLine = List.copyOf(command);
            server.managementPort = listening.managementPort();
            server.jsonLog = options.jsonLog();
            server.awaitReady(URI.create("http://127.0.0.1:" + listening.managementPort() + "/health/ready"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution copied once per node, beside the one the other tests use; its data is the node's own. */
    private static Path nodeHome(String node) {
        Path dist = Path.of(required("nhi.keycloak.home"));
        Path home = dist.getParent().resolveSibling("keycloak-node-" + node).resolve(dist.getFileName());
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            try (Stream<Path> files = Files.walk(dist)) {
                for (Path from : files.filter(f -> !f.startsWith(dist.resolve("data"))).toList()) {
                    Path to = home.resolve(dist.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + dist + " for cluster node " + node, e);
            }
        }
        return home;
    }

    /** A fresh H2 database every run (unless restarting), so no test sees another run's leftovers. */
    private static void prepare(Path home, Path jar, Path exports, boolean freshData, boolean withPack) throws IOException {
        if (freshData) {
            deleteTree(home.resolve("data"));
        }
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        if (!withPack) {
            Files.deleteIfExists(providers.resolve("nhi-guard.jar"));
            return;
        }
        Files.copy(jar, providers.resolve("nhi-guard.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (Stream<Path> files = Files.list(exports)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, imports.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Polls the readiness probe, the server's own signal that it serves requests; fails fast if it died. */
    private void awaitReady(URI ready) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens late in start-up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    /** The version the distribution states in its version.txt. */
    public String keycloakVersion() {
        try {
            return Files.readString(home.resolve("version.txt")).replace("Keycloak - Version", "").trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The options kc.sh was started with, so a test can tell a value set here from a default. */
    public List<String> commandLine() {
        return commandLine;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The management interface: health, and metrics when the server was started with them. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /** Keycloak's JSON log file, for a server started with one (the shared server is). */
    public Path jsonLog() {
        return jsonLog;
    }

    public URI httpsUri() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    public TestPki pki() {
        return pki;
    }

    /** A CA named like the demo PKI's: issues the demo realm's client certificates. */
    public TestPki demoPki() {
        return demoPki;
    }

    /** A second CA the server also trusts: its certificates pass TLS but come from another issuer. */
    public TestPki otherPki() {
        return otherPki;
    }

    /** An HTTPS client that trusts the test CA and presents {@code certificate}, or no certificate when null. */
    public HttpClient httpsClient(TestPki.Issued certificate) {
        return HttpClient.newBuilder().sslContext(pki.context(certificate)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** This server's log file. */
    public Path logFile() {
        return log;
    }

    public String tail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops kc.sh and the JVM it started, by PID, and waits for both. */
    @Override
    public synchronized void close() {
        stop(process);
    }

    /** Kills the server's JVM at once (SIGKILL), as a crash or an OOM kill would: nothing gets to finish or flush. */
    public synchronized void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + handle.pid() + " did not die", e);
            }
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /** The ports Keycloak reports once it listens: "Listening on: http://…:A and https://…:B. Management interface listening on http://…:C." */
    record ListeningLine(int httpPort, int httpsPort, int managementPort) {

        private static final Pattern LINE = Pattern.compile(
                "Listening on: http://[^:]+:(\\d+) and https://[^:]+:(\\d+)\\. Management interface listening on https?://[^:]+:(\\d+)");

        static Optional<ListeningLine> find(List<String> lines) {
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    return Optional.of(new ListeningLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3))));
                }
            }
            return Optional.empty();
        }
    }

    /** Reads the server log until Keycloak says where it listens; fails fast if it died or took too long. */
    private static ListeningLine awaitListening(Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                Optional<ListeningLine> found = ListeningLine.find(Files.readAllLines(log));
                if (found.isPresent()) {
                    return found.get();
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting:\n" + tail(log));
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop(process);
        throw new IllegalStateException("Keycloak did not say where it listens within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through Maven (mvn verify)");
        }
        return value;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
