package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    private static String run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        String errors = new String(process.getErrorStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), errors);
        return output;
    }

    @Test
    void theScriptsWorkloadTokensAndProofsAreWhatTheDemoRealmTakes(@TempDir Path dir, AdminApi api, KeycloakServer server) throws Exception {
        for (String tool : List.of("openssl", "perl")) {
            assumeTrue(new ProcessBuilder(tool, tool.equals("perl") ? "-v" : "version").start().waitFor(30, TimeUnit.SECONDS),
                    tool + " is optional for the demo");
        }
        Path script = Path.of(System.getProperty("nhi.realm.exports")).getParent().resolve("scripts/demo-workload.sh");
        run(script, "init", dir.toString());
        assertFalse(Files.readString(dir.resolve("public/jwks.json")).contains("\"d\""), "only the public key is served");
        HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = Files.readAllBytes(dir.resolve("public/jwks.json"));
        jwks.createContext("/jwks.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        try {
            // run.sh serves the JWKS at the address the demo realm names; here, wherever this server listens
            String idpPath = "/admin/realms/nhi-demo/identity-provider/instances/demo-workloads";
            ObjectNode idp = (ObjectNode) parse(expect(200, api.get(idpPath)).body());
            ((ObjectNode) idp.get("config")).put("jwksUrl", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
            expect(204, api.put(idpPath, idp));

            URI tokenEndpoint = server.baseUri().resolve("/realms/nhi-demo/protocol/openid-connect/token");
            String audience = server.baseUri().resolve("/realms/nhi-demo").toString();
            HttpClient http = HttpClient.newHttpClient();

            String workloadToken = run(script, "token", dir.toString(), "system:serviceaccount:imports:batch-importer", audience);
            HttpResponse<String> importer = Http.send(http, request(tokenEndpoint, workloadToken, "payments:read", null));
            assertEquals(200, importer.statusCode(), importer.body());
            assertEquals("batch-importer", Jwt.decode(parse(importer.body()).get("access_token").asText()).claims().get("azp").asText());
            assertEquals(401, Http.send(http, request(tokenEndpoint, run(script, "token", dir.toString(), "system:serviceaccount:other:pod", audience),
                    "payments:read", null)).statusCode(), "a token for another workload names no client");

            run(script, "dpop-key", dir.toString(), "payouts-worker");
            String proof = run(script, "dpop-proof", dir.toString(), "payouts-worker", "POST", tokenEndpoint.toString());
            String workerToken = run(script, "token", dir.toString(), "system:serviceaccount:payouts:worker", audience);
            HttpResponse<String> worker = Http.send(http, request(tokenEndpoint, workerToken, "payments:write", proof));
            assertEquals(200, worker.statusCode(), worker.body());
            assertEquals("DPoP", parse(worker.body()).get("token_type").asText());
            assertTrue(Jwt.decode(parse(worker.body()).get("access_token").asText()).claims().path("cnf").has("jkt"));
            HttpResponse<String> replayed = Http.send(http, request(tokenEndpoint,
                    run(script, "token", dir.toString(), "system:serviceaccount:payouts:worker", audience), "payments:write", proof));
            assertEquals(400, replayed.statusCode(), "the same proof twice: " + replayed.body());
            HttpResponse<String> withoutProof = Http.send(http, request(tokenEndpoint,
                    run(script, "token", dir.toString(), "system:serviceaccount:payouts:worker", audience), "payments:write", null));
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
        } finally {
            jwks.stop(0);
        }
    }

    private static HttpRequest request(URI tokenEndpoint, String workloadToken, String scope, String proof) {
        String form = Map.of("grant_type", "client_credentials", "scope", scope,
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", workloadToken)
                .entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return request.build();
    }
}
