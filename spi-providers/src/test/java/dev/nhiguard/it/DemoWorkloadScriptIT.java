package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.DemoWorkloads;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/demo-workload.sh and the demo realm's secretless clients, as the README's "Moving machine clients off shared
 * secrets" walks through them: the script's issuer key and JWKS (served here as run.sh serves them), its workload token
 * for batch-importer, its DPoP key and proofs for payouts-worker.
 */
@ExtendWith(KeycloakServerExtension.class)
class DemoWorkloadScriptIT {

    @Test
    void theScriptsWorkloadTokensAndProofsAreWhatTheDemoRealmTakes(@TempDir Path dir, AdminApi api, KeycloakServer server) throws Exception {
        assumeTrue(DemoWorkloads.toolsPresent(), "openssl and perl are optional for the demo");
        try (DemoWorkloads workloads = DemoWorkloads.start(dir, api)) {
            assertFalse(Files.readString(dir.resolve("public/jwks.json")).contains("\"d\""), "only the public key is served");
            URI tokenEndpoint = server.baseUri().resolve("/realms/nhi-demo/protocol/openid-connect/token");
            String audience = server.baseUri().resolve("/realms/nhi-demo").toString();
            HttpClient http = HttpClient.newHttpClient();

            String workloadToken = workloads.workloadToken(DemoWorkloads.IMPORTER, audience);
            HttpResponse<String> importer = Http.send(http, DemoWorkloads.tokenRequest(tokenEndpoint, workloadToken, "payments:read", null));
            assertEquals(200, importer.statusCode(), importer.body());
            assertEquals("batch-importer", Jwt.decode(parse(importer.body()).get("access_token").asText()).claims().get("azp").asText());
            assertEquals(401, Http.send(http, DemoWorkloads.tokenRequest(tokenEndpoint, workloads.workloadToken("system:serviceaccount:other:pod", audience),
                    "payments:read", null)).statusCode(), "a token for another workload names no client");

            workloads.script("dpop-key", dir.toString(), "payouts-worker");
            String proof = workloads.script("dpop-proof", dir.toString(), "payouts-worker", "POST", tokenEndpoint.toString());
            HttpResponse<String> worker = Http.send(http, DemoWorkloads.tokenRequest(tokenEndpoint, workloads.workloadToken(DemoWorkloads.WORKER, audience),
                    "payments:write", proof));
            assertEquals(200, worker.statusCode(), worker.body());
            assertEquals("DPoP", parse(worker.body()).get("token_type").asText());
            assertTrue(Jwt.decode(parse(worker.body()).get("access_token").asText()).claims().path("cnf").has("jkt"));
            HttpResponse<String> replayed = Http.send(http, DemoWorkloads.tokenRequest(tokenEndpoint,
                    workloads.workloadToken(DemoWorkloads.WORKER, audience), "payments:write", proof));
            assertEquals(400, replayed.statusCode(), "the same proof twice: " + replayed.body());
            HttpResponse<String> withoutProof = Http.send(http, DemoWorkloads.tokenRequest(tokenEndpoint,
                    workloads.workloadToken(DemoWorkloads.WORKER, audience), "payments:write", null));
            assertEquals(400, withoutProof.statusCode(), withoutProof.body());

            Map<String, JsonNode> inventory = new java.util.HashMap<>();
            parse(expect(200, api.get("/admin/realms/nhi-demo/nhi-guard/inventory?max=100")).body())
                    .forEach(e -> inventory.put(e.get("clientId").asText(), e));
            assertEquals("federated", inventory.get("batch-importer").get("credentialType").asText());
            assertEquals("none", inventory.get("batch-importer").get("senderConstraint").asText());
            assertEquals("federated", inventory.get("payouts-worker").get("credentialType").asText());
            assertEquals("dpop", inventory.get("payouts-worker").get("senderConstraint").asText());
            for (String clientId : List.of("batch-importer", "payouts-worker")) {
                String findings = inventory.get(clientId).get("findings").toString();
                assertFalse(findings.contains("SECRET") || findings.contains("UNBOUND") || findings.contains("KEYLESS"), clientId + ": " + findings);
            }
        }
    }
}
