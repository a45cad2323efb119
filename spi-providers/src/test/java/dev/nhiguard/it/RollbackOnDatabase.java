package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Database;
import dev.nhiguard.testsupport.DemoWorkloads;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.JarTestedOn;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.RealmsScript;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installing the pack and taking it off again on a living database. Without detaching, a realm whose client policies
 * name the pack's providers answers 500 to every token request once the JAR is gone; detached first (or repaired with
 * the same script after the JAR is gone), every client and a person's login get tokens as on a Keycloak that never had
 * the pack, and attaching after the JAR is back restores the policies, profiles and theme exactly. Three starts of one
 * Keycloak on one database: with the pack, without it, with it again.
 */
abstract class RollbackOnDatabase {

    private static final List<String> SECRET_CLIENTS = List.of("billing-sync", "orphan-batch", "legacy-reporter", "stale-etl",
            "ops-automation", "payments-reporter");

    abstract Database database();

    private KeycloakServer start(String run, boolean withPack, Path jar) {
        String name = database().name().toLowerCase() + "-rollback-" + run;
        KeycloakServer.Options options = KeycloakServer.Options.of(name, database().keycloakOptions(), run.equals("1"));
        if (!withPack) {
            return KeycloakServer.start(new KeycloakServer.Options(options.extraArgs(), false, options.log(), false, true));
        }
        return KeycloakServer.start(jar == null ? options : options.withJar(jar));
    }

    private static long linesWith(Path log, String text) throws java.io.IOException {
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** The realm's own client profiles and policies, its admin theme, and the detach record, as the admin API shows them. */
    private static Map<String, JsonNode> policiesOf(AdminApi api, String realm) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("profiles", parse(expect(200, api.get("/admin/realms/" + realm + "/client-policies/profiles")).body()));
        state.put("policies", parse(expect(200, api.get("/admin/realms/" + realm + "/client-policies/policies")).body()));
        JsonNode rep = parse(expect(200, api.get("/admin/realms/" + realm)).body());
        state.put("adminTheme", rep.path("adminTheme"));
        state.put("record", rep.path("attributes").path("nhi.detached"));
        return state;
    }

    @Test
    void takenOffAndPutBackWithoutAnOutage(@TempDir Path workloads, @TempDir Path jars) throws Exception {
        database().reset();
        Map<String, JsonNode> demoBefore;
        Map<String, JsonNode> mineBefore;
        String mine;
        try (KeycloakServer server = start("1", true, null)) {
            AdminApi api = new AdminApi(server.baseUri());
            GovernedRealm realm = GovernedRealm.create(api, "rollback-mine");
            mine = realm.name();
            ObjectNode ownProfiles = JSON.createObjectNode();
            ownProfiles.putArray("profiles").addObject().put("name", "own-confidential").put("description", "the realm's own")
                    .putArray("executors").addObject().put("executor", "confidential-client").putObject("configuration");
            expect(204, api.put(realm.path("/client-policies/profiles"), ownProfiles));
            // the README's first policy: the pack's recommended set, in report-only, beside the realm's own
            JsonNode onboarded = parse(expect(200, api.post(realm.path("/nhi-guard/onboard?dryRun=false"), Map.of())).body());
            assertTrue(onboarded.get("added").get("policies").toString().contains("nhi-machine-identities"), onboarded.toString());
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("mine-bot")));
            demoBefore = policiesOf(api, "nhi-demo");
            mineBefore = policiesOf(api, mine);
            assertEquals("nhi-guard", demoBefore.get("adminTheme").asText());

            RealmsScript.Outcome dryRun = RealmsScript.run(server.baseUri(), "detach", "--realm", "nhi-demo", "--dry-run");
            assertEquals(0, dryRun.exitCode(), dryRun.output());
            assertTrue(dryRun.output().contains("nhi-demo: profile nhi-governance: remove executors nhi-owner-required, nhi-credential-policy"),
                    dryRun.output());
            assertTrue(dryRun.output().contains("nhi-demo: policy nhi-critical-identities: switch off"), dryRun.output());
            assertEquals(demoBefore, policiesOf(api, "nhi-demo"), "a dry run changes nothing");

            RealmsScript.Outcome detached = RealmsScript.run(server.baseUri(), "detach", "--realm", "nhi-demo");
            assertEquals(0, detached.exitCode(), detached.output());
            assertTrue(detached.output().contains("nhi-demo: detached"), detached.output());
            // the realm "mine" keeps the pack: taken off below the hard way, after the JAR is gone
        }

        try (KeycloakServer server = start("2", false, null)) {
            AdminApi api = new AdminApi(server.baseUri());
            for (String clientId : SECRET_CLIENTS) {
                HttpResponse<String> token = api.clientCredentials("nhi-demo", clientId, clientId + "-secret");
                assertEquals(200, token.statusCode(), clientId + " as on Keycloak alone: " + token.body());
            }
            String scope = parse(api.clientCredentials("nhi-demo", "legacy-reporter", "legacy-reporter-secret").body()).get("scope").asText();
            assertTrue(scope.contains("email"), "Keycloak's default scopes, which the pack never lets through: " + scope);
            TestPki.Issued gateway = server.demoPki().issue("CN=settlement-gateway,O=NHI Guard Demo", false, Duration.ofDays(1));
            HttpResponse<String> mtls = Http.send(server.httpsClient(gateway), HttpRequest.newBuilder(
                            server.httpsUri().resolve("/realms/nhi-demo/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=settlement-gateway")).build());
            assertEquals(200, mtls.statusCode(), mtls.body());
            if (DemoWorkloads.toolsPresent()) {
                try (DemoWorkloads issuer = DemoWorkloads.start(workloads, api)) {
                    for (HttpResponse<String> federated : issuer.requestBoth(server.baseUri())) {
                        assertEquals(200, federated.statusCode(), federated.body());
                    }
                }
            }
            assertEquals(200, api.form("/realms/nhi-demo/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "admin-cli", "username", "alice", "password", "alice-demo-password")).statusCode(), "a person's login");
            ObjectNode edited = (ObjectNode) api.client("nhi-demo", "orphan-batch");
            edited.put("description", "edited without the pack");
            expect(204, api.put("/admin/realms/nhi-demo/clients/" + edited.get("id").asText(), edited));

            // the realm nobody detached: the outage the docs warn of, and the repair that needs no pack
            HttpResponse<String> outage = api.clientCredentials(mine, "mine-bot", "s3cret-mine-bot", "payments:read");
            assertEquals(500, outage.statusCode(), outage.body());
            RealmsScript.Outcome repaired = RealmsScript.run(server.baseUri(), "detach", "--realm", mine);
            assertEquals(0, repaired.exitCode(), repaired.output());
            assertEquals(200, api.clientCredentials(mine, "mine-bot", "s3cret-mine-bot", "payments:read").statusCode());
            // an owner changed while the pack is away, to a disabled user, the bound id left as it was
            ObjectNode handedOver = (ObjectNode) api.client(mine, "mine-bot");
            String aliceId = handedOver.get("attributes").get("nhi.owner-id").asText();
            ((ObjectNode) handedOver.get("attributes")).put("nhi.owner", "carol");
            expect(204, api.put("/admin/realms/" + mine + "/clients/" + handedOver.get("id").asText(), handedOver));
            assertEquals(aliceId, api.client(mine, "mine-bot").get("attributes").get("nhi.owner-id").asText());

            // attaching before the JAR is back would name providers Keycloak lacks: refused before anything is written
            Map<String, JsonNode> detachedDemo = policiesOf(api, "nhi-demo");
            RealmsScript.Outcome early = RealmsScript.run(server.baseUri(), "attach", "--realm", "nhi-demo");
            assertEquals(1, early.exitCode(), early.output());
            assertTrue(early.output().contains("nhi-demo: this Keycloak lacks providers the detached policies name"), early.output());
            assertEquals(detachedDemo, policiesOf(api, "nhi-demo"));
        }

        // the jar that comes back says it was tested on other releases, as after a Keycloak upgrade it was not built for:
        // it says so once, and works
        Path otherRange = JarTestedOn.copy(Path.of(System.getProperty("nhi.provider.jar")), jars, "26.6.0", "26.6.9");
        try (KeycloakServer server = start("3", true, otherRange)) {
            AdminApi api = new AdminApi(server.baseUri());
            JsonNode serverInfo = parse(expect(200, api.get("/admin/serverinfo")).body());
            String running = serverInfo.path("systemInfo").path("version").asText();
            assertEquals(1, linesWith(server.logFile(), "NHI Guard runs on Keycloak " + running
                    + ", outside the releases it is tested on (26.6.0 to 26.6.9)"), "one WARN at start");
            assertEquals(1, linesWith(server.logFile(), "NHI Guard: Keycloak's feature ssf is off, so revocation signals are not sent"));
            String info = serverInfo.toString();
            assertTrue(info.contains(running + ": not a tested release (NHI Guard "), "server info names it");
            assertTrue(info.contains("ssf off: revocation signals are not sent"), "and the feature that is off");
            RealmsScript.Outcome attached = RealmsScript.run(server.baseUri(), "attach", "--all");
            assertEquals(0, attached.exitCode(), attached.output());
            assertEquals(demoBefore, policiesOf(api, "nhi-demo"), "policies, profiles and theme as before: " + attached.output());
            assertEquals(mineBefore, policiesOf(api, mine), "repaired without the pack, restored with it");

            assertOAuthError(api.clientCredentials("nhi-demo", "orphan-batch", "orphan-batch-secret"), 400, "unauthorized_client",
                    "nhi.owner: no owner (NO_OWNER)");
            // the hand-over the pack did not see is judged as a save would have been: bound to carol, refused at once
            // (not after the owner grace) once ownership enforces
            JsonNode handedOver = api.client(mine, "mine-bot");
            assertEquals(api.userIdOf(mine, "carol"), handedOver.get("attributes").get("nhi.owner-id").asText());
            ObjectNode profiles = (ObjectNode) parse(expect(200, api.get("/admin/realms/" + mine + "/client-policies/profiles")).body());
            for (JsonNode profile : profiles.get("profiles")) {
                for (JsonNode executor : profile.path("executors")) {
                    if (executor.get("executor").asText().equals("nhi-owner-required")) {
                        ((ObjectNode) executor.get("configuration")).put("mode", "enforce");
                    }
                }
            }
            expect(204, api.put("/admin/realms/" + mine + "/client-policies/profiles", profiles));
            assertOAuthError(api.clientCredentials(mine, "mine-bot", "s3cret-mine-bot", "payments:read"), 400, "unauthorized_client",
                    "OWNER_DISABLED");
            HttpResponse<String> narrow = expect(200, api.clientCredentials("nhi-demo", "payments-reporter", "payments-reporter-secret", "payments:read"));
            assertEquals("payments:read", parse(narrow.body()).get("scope").asText());
            assertTrue(api.inventoryEntry("nhi-demo", "orphan-batch").get("findings").toString().contains("NO_OWNER"));
            String again = RealmsScript.run(server.baseUri(), "attach", "--realm", "nhi-demo").output();
            assertTrue(again.contains("not detached"), "attach twice changes nothing: " + again);
        }
    }
}
