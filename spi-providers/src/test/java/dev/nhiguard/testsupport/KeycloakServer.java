package dev.nhiguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak 26.7.3 from the Maven Central distribution, with the freshly built nhi-guard.jar in
 * {@code providers/} and the demo realm imported, on loopback ports chosen at run time. One per test run.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-it-password";
    public static final int MAX_PAGE_SIZE = 2000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final int httpPort;
    private final int httpsPort;
    private final TestPki pki;
    private final TestPki otherPki;
    private final Path log;

    private KeycloakServer(Process process, int httpPort, int httpsPort, TestPki pki, TestPki otherPki, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.pki = pki;
        this.otherPki = otherPki;
        this.log = log;
    }

    public static KeycloakServer start() {
        Path home = Path.of(required("nhi.keycloak.home"));
        Path jar = Path.of(required("nhi.provider.jar"));
        Path exports = Path.of(required("nhi.realm.exports"));
        Path log = Path.of(System.getProperty("nhi.server.log", "target/keycloak-it.log"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (run through 'mvn verify', which unpacks it)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The provider jar " + jar + " does not exist; build it with 'mvn package' first");
        }
        try {
            prepare(home, jar, exports);
            int httpPort = freePort();
            int httpsPort = freePort();
            int managementPort = freePort();
            TestPki pki = TestPki.create();
            TestPki otherPki = TestPki.create("CN=NHI Guard Other CA,O=NHI Guard IT");
            Path pkiDir = Files.createDirectories(log.toAbsolutePath().getParent().resolve("pki"));
            pki.issue("CN=127.0.0.1,O=NHI Guard IT", true, Duration.ofDays(2))
                    .writePem(pkiDir.resolve("server.pem"), pkiDir.resolve("server-key.pem"));
            pki.writeTrustStore(pkiDir.resolve("truststore.p12"), otherPki);
            ProcessBuilder builder = new ProcessBuilder(
                    home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    "--http-management-scheme=http",
                    // HTTPS beside HTTP: certificates are requested, not required, as RFC 8705 deployments do
                    "--https-port=" + httpsPort,
                    "--https-certificate-file=" + pkiDir.resolve("server.pem"),
                    "--https-certificate-key-file=" + pkiDir.resolve("server-key.pem"),
                    "--https-trust-store-file=" + pkiDir.resolve("truststore.p12"),
                    "--https-trust-store-password=" + new String(TestPki.PASSWORD),
                    "--https-client-auth=request",
                    "--health-enabled=true",
                    "--import-realm",
                    // a non-default SPI option, so the tests prove options reach the pack
                    "--spi-admin-realm-restapi-extension--nhi-guard--max-page-size=" + MAX_PAGE_SIZE,
                    "--log-level=INFO,dev.nhiguard:debug")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", ServerJdk.find().toString());
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1536m");
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, httpPort, httpsPort, pki, otherPki, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh H2 database every run, so no test sees another run's leftovers. */
    private static void prepare(Path home, Path jar, Path exports) throws IOException {
        deleteTree(home.resolve("data"));
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
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

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public URI httpsUri() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    public TestPki pki() {
        return pki;
    }

    /** A second CA the server also trusts: its certificates pass TLS but come from another issuer. */
    public TestPki otherPki() {
        return otherPki;
    }

    /** An HTTPS client that trusts the test CA and presents {@code certificate}, or no certificate when null. */
    public HttpClient httpsClient(TestPki.Issued certificate) {
        return HttpClient.newBuilder().sslContext(pki.context(certificate)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String tail() {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
