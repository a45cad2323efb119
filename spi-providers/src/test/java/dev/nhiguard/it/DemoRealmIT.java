package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.TestPki;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo realm from realm-exports/, imported at start-up exactly as the run command does. */
@ExtendWith(KeycloakServerExtension.class)
class DemoRealmIT {

    @Test
    void inventoryShowsEachStateTheReadmePromises(AdminApi api) {
        expect(200, api.clientCredentials("nhi-demo", "payments-reporter", "payments-reporter-secret", "payments:read"));
        api.flushUsage("nhi-demo");
        String auditor = api.passwordGrant("nhi-demo", "admin-cli", "auditor", "auditor-demo-password").get("access_token").asText();
        HttpResponse<String> response = expect(200, api.getAs("/admin/realms/nhi-demo/nhi-guard/inventory", auditor));
        Map<String, JsonNode> byClient = new HashMap<>();
        parse(response.body()).forEach(e -> byClient.put(e.get("clientId").asText(), e));

        assertEquals(9, byClient.size(), "demo-portal is a browser app, not a machine identity");
        assertEquals("federated", byClient.get("batch-importer").get("credentialType").asText(), "secretless");
        assertEquals("dpop", byClient.get("payouts-worker").get("senderConstraint").asText(), "the high tier binds to a DPoP key");
        assertFalse(byClient.get("payouts-worker").get("findings").toString().contains("UNBOUND_TOKENS"),
                "judged by the high tier's policy, not the critical tier's: " + byClient.get("payouts-worker"));
        assertFalse(byClient.get("settlement-gateway").get("findings").toString().contains("UNBOUND_TOKENS"));
        assertEquals("active", byClient.get("billing-sync").get("ownerState").asText());
        assertEquals("tls_client_auth", byClient.get("settlement-gateway").get("credentialType").asText());
        assertEquals("mtls", byClient.get("settlement-gateway").get("senderConstraint").asText());
        assertEquals("client_secret", byClient.get("billing-sync").get("credentialType").asText());
        assertEquals("none", byClient.get("billing-sync").get("senderConstraint").asText());
        assertTrue(byClient.get("orphan-batch").get("findings").toString().contains("NO_OWNER"));
        assertTrue(byClient.get("legacy-reporter").get("findings").toString().contains("OWNER_DISABLED"));
        assertTrue(byClient.get("stale-etl").get("findings").toString().contains("REVIEW_OVERDUE"));
        assertTrue(byClient.get("ops-automation").get("findings").toString().contains("ADMIN_ROLES"));
        JsonNode reporter = byClient.get("payments-reporter");
        assertEquals("[\"STATIC_SECRET\",\"BROAD_SCOPE\"]", reporter.get("findings").toString(),
                "the least-privilege client: only its shared secret and the never-grantable broad scope remain");
        assertEquals("127.0.0.1", reporter.get("lastAddress").asText());
        assertTrue(reporter.get("requests30d").asLong() >= 1, reporter.toString());
        assertTrue(byClient.get("orphan-batch").get("findings").toString().contains("NEVER_USED"));
    }

    /**
     * The console's header names the signed-in person from the ID token's profile claims: the console's own client
     * must carry the profile scope, or the demo's auditor reads as "Anonymous".
     */
    @Test
    void theAdminConsolesClientCarriesTheProfileScope(AdminApi api) {
        String console = api.clientUuid("nhi-demo", "security-admin-console");
        String scopes = expect(200, api.get("/admin/realms/nhi-demo/clients/" + console + "/default-client-scopes")).body();
        assertTrue(scopes.contains("\"profile\""), scopes);
    }

    @Test
    void theReadmeCurlWalkthroughBehavesAsDocumented(AdminApi api) {
        String tokenPath = "/realms/nhi-demo/protocol/openid-connect/token";
        Map<String, String> broad = Map.of("grant_type", "client_credentials", "client_id", "payments-reporter",
                "client_secret", "payments-reporter-secret", "scope", "payments");
        HttpResponse<String> refused = api.form(tokenPath, broad);
        assertEquals(400, refused.statusCode());
        assertEquals("invalid_scope", parse(refused.body()).get("error").asText());

        Map<String, String> narrow = new HashMap<>(broad);
        narrow.put("scope", "payments:read");
        HttpResponse<String> granted = expect(200, api.form(tokenPath, narrow));
        JsonNode claims = Jwt.decode(parse(granted.body()).get("access_token").asText()).claims();
        assertEquals("payments:read", claims.get("scope").asText());
        assertEquals("payments-api", claims.get("aud").asText());

        // a demo client left with Keycloak's defaults is refused until its owner fixes it (see the README)
        HttpResponse<String> legacy = api.clientCredentials("nhi-demo", "billing-sync", "billing-sync-secret");
        assertEquals(400, legacy.statusCode());
        assertEquals("unauthorized_client", parse(legacy.body()).get("error").asText());
        HttpResponse<String> orphan = api.clientCredentials("nhi-demo", "orphan-batch", "orphan-batch-secret");
        String readme;
        try {
            readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the answers the README shows are the server's, word for word
        assertTrue(readme.contains(legacy.body()), "README shows: " + legacy.body());
        assertTrue(readme.contains(orphan.body()), "README shows: " + orphan.body());
    }

    @Test
    void demoPolicyRefusesAnOwnerlessServiceAccount(AdminApi api) {
        HttpResponse<String> response = api.createServiceAccountClient("nhi-demo", "sneaky-bot", new HashMap<>());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith("nhi.owner: "));
    }

    @Test
    void theCriticalTierDemoClientGetsCertificateBoundTokensOverMutualTls(AdminApi api, KeycloakServer server) throws Exception {
        TestPki.Issued gateway = server.demoPki().issue("CN=settlement-gateway,O=NHI Guard Demo", false, Duration.ofDays(10));
        String form = "grant_type=client_credentials&client_id=settlement-gateway&scope=payments%3Awrite";
        HttpRequest request = HttpRequest.newBuilder(server.httpsUri().resolve("/realms/nhi-demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> bound = server.httpsClient(gateway).send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bound.statusCode(), bound.body());
        JsonNode claims = Jwt.decode(parse(bound.body()).get("access_token").asText()).claims();
        assertEquals(gateway.x5tS256(), claims.get("cnf").get("x5t#S256").asText());
        assertEquals("payments:write", claims.get("scope").asText());

        HttpResponse<String> withoutCertificate = server.httpsClient(null).send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, withoutCertificate.statusCode(), withoutCertificate.body());

        // the same subject from another CA the server trusts: Keycloak's own X.509 authenticator checks the pinned issuer
        TestPki.Issued impostor = server.pki().issue("CN=settlement-gateway,O=NHI Guard Demo", false, Duration.ofDays(10));
        HttpResponse<String> otherIssuer = server.httpsClient(impostor).send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(401, otherIssuer.statusCode(), otherIssuer.body());
    }

    @Test
    void partialImportCannotSlipAMachineIdentityPastTheDemoPolicies(AdminApi api) {
        ObjectNode sneaky = AdminApi.serviceAccountClient("imported-sneaky-bot", new HashMap<>());
        sneaky.put("fullScopeAllowed", false).putArray("defaultClientScopes").add("basic").add("service_account");
        sneaky.putArray("optionalClientScopes").add("payments:read");
        ((ObjectNode) sneaky.get("attributes")).put("access.token.header.type.rfc9068", "true");
        expect(200, api.partialImport("nhi-demo", "OVERWRITE", sneaky));
        HttpResponse<String> token = api.clientCredentials("nhi-demo", "imported-sneaky-bot", "s3cret-imported-sneaky-bot", "payments:read");
        assertEquals(400, token.statusCode(), token.body());
        assertTrue(parse(token.body()).get("error_description").asText()
                .startsWith("this client's ownership does not meet the governance policy: nhi.owner: "), token.body());
        expect(204, api.delete("/admin/realms/nhi-demo/clients/" + api.clientUuid("nhi-demo", "imported-sneaky-bot")));
    }

    /** docs/operations.md shows the demo realm's sweep dry run: the one a copy of the demo realm answers, but for its name, day and ids. */
    @Test
    void theSweepExampleOfTheOperationsPageIsTheDemoRealmsOwn(AdminApi api) throws java.io.IOException {
        ObjectNode demo = (ObjectNode) AdminApi.JSON.readTree(java.nio.file.Path.of(System.getProperty("nhi.realm.exports"), "nhi-demo-realm.json").toFile());
        String copy = "demo-copy-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        demo.put("realm", copy);
        demo.remove("id");
        expect(201, api.post("/admin/realms", demo));
        try {
            JsonNode sweep = parse(expect(200, api.post("/admin/realms/" + copy + "/nhi-guard/sweep?dryRun=true", Map.of())).body());
            String page = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/operations.md"));
            String head = "\"dryRun\":true,\"mode\":\"" + sweep.get("mode").asText() + "\",\"examined\":" + sweep.get("examined").asInt() + ",";
            assertTrue(page.contains(head), "docs/operations.md shows " + head + " of " + sweep);
            for (JsonNode action : sweep.get("actions")) {
                ObjectNode shown = action.deepCopy();
                shown.remove("id");
                String text = shown.toString().substring(1);
                assertTrue(page.contains(text), "docs/operations.md shows the action " + text);
            }
            assertTrue(sweep.get("actions").size() >= 1, sweep.toString());
        } finally {
            expect(204, api.delete("/admin/realms/" + copy));
        }
    }
}
