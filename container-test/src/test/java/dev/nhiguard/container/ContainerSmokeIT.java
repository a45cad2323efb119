package dev.nhiguard.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image docker/Dockerfile builds, with the jar just built and the demo realm, answering as the README's demo
 * says it does. Where no Docker engine is reachable it is skipped, and says so.
 */
class ContainerSmokeIT {

    private static final String NO_DOCKER = "No Docker engine reachable: the container smoke test did not run";
    private static final String REALM = "nhi-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static KeycloakContainer keycloak;

    @BeforeAll
    @SuppressWarnings("deprecation")
    static void startTheImage() throws IOException {
        Path root = Path.of(System.getProperty("nhi.repository.root")).toAbsolutePath().normalize();
        Path jar = root.resolve("spi-providers/target/nhi-guard.jar");
        // checked before Docker, so a machine without an engine still learns that its build is incomplete
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build it first with `mvn -B -ntp install -DskipTests -DskipITs` in " + root);
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            // failsafe counts skipped tests without their reason: the build log must say it plainly
            System.out.println(NO_DOCKER);
            return;
        }

        // only what the Dockerfile copies, laid out as in the repository, so its COPY lines work unchanged;
        // withDockerfile(Path), which replaces the deprecated withDockerfilePath, would send docker/ as the context
        ImageFromDockerfile image = new ImageFromDockerfile()
                .withDockerfilePath("docker/Dockerfile")
                .withFileFromPath("docker/Dockerfile", root.resolve("docker/Dockerfile"))
                .withFileFromPath("spi-providers/target/nhi-guard.jar", jar)
                .withFileFromPath("realm-exports", root.resolve("realm-exports"))
                .withBuildArg("KEYCLOAK_VERSION", System.getProperty("nhi.keycloak.version"));

        Path log = Path.of(System.getProperty("nhi.server.log"));
        Files.deleteIfExists(log);
        // KeycloakContainer takes an image name, not a future: building first and handing it the tag keeps the
        // library's start-dev command, bootstrap admin, health wait and port mapping instead of redoing them.
        keycloak = new KeycloakContainer(image.get())
                // the image is built for PostgreSQL; start-dev rebuilds it, and this keeps it on the embedded
                // file database so the smoke test needs no second container
                .withEnv("KC_DB", "dev-file")
                // the library's 5 % heap ceiling leaves Keycloak a few hundred MiB on a CI host of a few GiB
                .withRamPercentage(10, 50)
                // start-dev re-augments the optimized image before it starts, which the 2-minute default may not cover
                .withStartupTimeout(Duration.ofMinutes(5))
                .withLogConsumer(frame -> append(log, frame.getUtf8String()));
        // the image's own realm-exports/ in /opt/keycloak/data/import is what --import-realm (always passed) reads
        keycloak.start();
    }

    @BeforeEach
    void needsDocker() {
        // per test, not in @BeforeAll: a class-level assumption is reported as zero tests run, not as skipped ones
        assumeTrue(keycloak != null, NO_DOCKER);
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void theDemoRealmIsImported() throws Exception {
        HttpResponse<String> realm = get("/realms/" + REALM, null);
        assertEquals(200, realm.statusCode(), realm.body());
        assertEquals(REALM, JSON.readTree(realm.body()).get("realm").asText());
    }

    @Test
    void aNarrowScopeIsGrantedAndTheTokenCarriesOnlyIt() throws Exception {
        HttpResponse<String> granted = clientCredentials("payments:read");
        assertEquals(200, granted.statusCode(), granted.body());
        String token = JSON.readTree(granted.body()).get("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("payments:read", claims.get("scope").asText(), claims.toString());
    }

    @Test
    void aBroadScopeIsRefusedWithThePacksReason() throws Exception {
        HttpResponse<String> refused = clientCredentials("payments");
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body());
        assertEquals("invalid_scope", error.get("error").asText());
        assertEquals("scope: 'payments' is too broad; request one of the narrower scopes payments:read, payments:write",
                error.get("error_description").asText());
    }

    @Test
    void theInventoryListsTheDemoClients() throws Exception {
        // the README's inventory call: the demo's auditor, who may only view clients
        HttpResponse<String> login = post("/realms/" + REALM + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", "auditor", "password", "auditor-demo-password"));
        assertEquals(200, login.statusCode(), login.body());
        String auditor = JSON.readTree(login.body()).get("access_token").asText();

        HttpResponse<String> inventory = get("/admin/realms/" + REALM + "/nhi-guard/inventory", auditor);
        assertEquals(200, inventory.statusCode(), inventory.body());
        List<String> clientIds = new ArrayList<>();
        String orphanFindings = null;
        for (JsonNode entry : JSON.readTree(inventory.body())) {
            clientIds.add(entry.get("clientId").asText());
            if ("orphan-batch".equals(entry.get("clientId").asText())) {
                orphanFindings = entry.get("findings").toString();
            }
        }
        assertEquals(List.of("batch-importer", "billing-sync", "legacy-reporter", "ops-automation", "orphan-batch", "payments-reporter",
                "payouts-worker", "settlement-gateway", "stale-etl"), clientIds, "the nine service accounts, ordered by clientId");
        assertTrue(orphanFindings.contains("NO_OWNER"), orphanFindings);
    }

    private static HttpResponse<String> clientCredentials(String scope) throws Exception {
        return post("/realms/" + REALM + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", "payments-reporter",
                "client_secret", "payments-reporter-secret", "scope", scope));
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.getAuthServerUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.getAuthServerUrl() + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
