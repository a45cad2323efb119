package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.provider.ProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console's server info names every provider of the pack with the pack's version: every factory the jar
 * registers (its {@code META-INF/services} files, read from the jar Keycloak runs), found by its id under its SPI,
 * including the grant guards registered under Keycloak's own grant ids.
 */
@ExtendWith(KeycloakServerExtension.class)
class ServerInfoIT {

    @Test
    void everyFactoryTheJarRegistersReportsThePacksVersion(AdminApi api) throws Exception {
        JsonNode providers = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers");
        String version = System.getProperty("nhi.pack.version");
        List<String> factories = registeredFactories(Path.of(System.getProperty("nhi.provider.jar")));
        assertTrue(factories.size() >= 12, "the jar registers the pack's factories: " + factories);
        List<String> wrong = new ArrayList<>();
        for (String className : factories) {
            String id = ((ProviderFactory<?>) Class.forName(className).getDeclaredConstructor().newInstance()).getId();
            JsonNode info = operationalInfo(providers, id);
            if (info == null || !version.equals(info.path("nhi-guard-version").asText())) {
                wrong.add(className + " (" + id + "): " + info);
            }
        }
        assertEquals(List.of(), wrong, "factories whose server info does not carry nhi-guard-version " + version);
    }

    /** Each grant guard replaces the grant it means to: the start-up check says so in server info. */
    @Test
    void everyGrantGuardIsTheProviderKeycloakServesForItsGrant(AdminApi api) {
        JsonNode grants = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers").get("oauth2-grant-type").get("providers");
        List<String> guarded = new ArrayList<>();
        grants.fields().forEachRemaining(grant -> {
            JsonNode info = grant.getValue().path("operationalInfo");
            if (info.has("nhi-grant-guard")) {
                assertEquals("in place", info.get("nhi-grant-guard").asText(), grant.getKey());
                guarded.add(grant.getKey());
            }
        });
        assertEquals(3, guarded.size(), "the UMA, token-exchange and JWT-authorization grants are guarded: " + guarded);
    }

    /** An executor's SPI option reaches it: the shared server sets the secret census to 30 s. */
    @Test
    void theSecretCensusRunsAtTheIntervalTheServerSets(AdminApi api) {
        JsonNode providers = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers");
        assertEquals("30", operationalInfo(providers, "nhi-credential-policy").path("census-interval").asText());
    }

    /** The release the suite runs on is a tested one, and the features the pack builds on are on (the shared server switches them on). */
    @Test
    void serverInfoNamesTheKeycloakReleaseAndTheFeaturesThePackUses(AdminApi api, KeycloakServer server) throws IOException {
        JsonNode root = parse(expect(200, api.get("/admin/serverinfo")).body());
        JsonNode info = operationalInfo(root.get("providers"), "nhi-guard", "nhi-keycloak-release");
        String running = root.path("systemInfo").path("version").asText();
        String[] tested = System.getProperty("nhi.tested.keycloak", "26.7.0 26.7.5").split(" ");
        assertEquals(running + " (tested: " + tested[0] + " to " + tested[1] + ")", info.path("nhi-keycloak-release").asText(), info.toString());
        assertEquals("ssf on; client-secret-rotation on", info.path("nhi-keycloak-features").asText());
        try (var lines = Files.lines(server.logFile())) {
            assertEquals(0, lines.filter(line -> line.contains("NHI Guard runs on Keycloak") || line.contains("NHI Guard: Keycloak's feature")).count(),
                    "a tested release with the features on starts without a warning (RollbackOnDatabase starts one that warns)");
        }
    }

    /** Every query on Keycloak's own tables ran at start-up on this Keycloak, in every form: an upgrade that breaks one says so here. */
    @Test
    void everyQueryOnKeycloaksTablesRanAtStartUp(AdminApi api) {
        assertEquals(dev.nhiguard.testsupport.KeycloakQueries.allRan(), dev.nhiguard.testsupport.KeycloakQueries.reported(api));
    }

    /** The provider of that id under whichever SPI holds it (each id is the pack's under its SPI). */
    private static JsonNode operationalInfo(JsonNode providers, String id) {
        return operationalInfo(providers, id, "nhi-guard-version");
    }

    /** The provider of that id whose information holds {@code key} (the admin resource and the store are both "nhi-guard"). */
    private static JsonNode operationalInfo(JsonNode providers, String id, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> spis = providers.fields(); spis.hasNext(); ) {
            JsonNode provider = spis.next().getValue().path("providers").path(id);
            if (!provider.isMissingNode() && provider.path("operationalInfo").has(key)) {
                return provider.path("operationalInfo");
            }
        }
        return null;
    }

    private static List<String> registeredFactories(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            // an SPI the jar declares (org.keycloak.provider.Spi) is no factory
            file.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()
                    && !e.getName().endsWith("/org.keycloak.provider.Spi")).forEach(entry -> {
                try (InputStream in = file.getInputStream(entry)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#")) {
                            names.add(name);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return names;
    }
}
