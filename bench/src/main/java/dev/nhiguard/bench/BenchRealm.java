package dev.nhiguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * The realm every token benchmark loads: the payments scope family, an owner, and one least-privilege machine client
 * {@code bench-bot} that every pack policy accepts. Identical with and without the pack; only the policies differ.
 */
final class BenchRealm {

    static final String CLIENT = "bench-bot";
    static final String SECRET = "bench-bot-secret";
    static final String SCOPE = "payments:read";
    static final String FORM = "grant_type=client_credentials&client_id=" + CLIENT + "&client_secret=" + SECRET + "&scope="
            + AdminApi.enc(SCOPE);

    private BenchRealm() {
    }

    static void create(AdminApi api, String realm) {
        expect(201, api.post("/admin/realms", Map.of("realm", realm, "enabled", true)));
        api.createUser(realm, "alice", true, null);
        for (String name : List.of("payments", "payments:read", "payments:write")) {
            ObjectNode scope = AdminApi.JSON.createObjectNode().put("name", name).put("protocol", "openid-connect");
            scope.putObject("attributes").put("include.in.token.scope", "true").put("display.on.consent.screen", "false");
            expect(201, api.post("/admin/realms/" + realm + "/client-scopes", scope));
        }
        ObjectNode client = AdminApi.serviceAccountClient(CLIENT, Map.of(
                "nhi.owner", "alice", "nhi.purpose", "Benchmark load", "nhi.tier", "standard",
                "nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(60).toString(),
                "access.token.header.type.rfc9068", "true", "access.token.lifespan", "300"));
        client.put("secret", SECRET).put("fullScopeAllowed", false).put("implicitFlowEnabled", false);
        client.putArray("defaultClientScopes").add("basic").add("service_account");
        ArrayNode optional = client.putArray("optionalClientScopes");
        optional.add("payments").add("payments:read").add("payments:write");
        expect(201, api.post("/admin/realms/" + realm + "/clients", client));
    }

    /**
     * One token request answered 200, or the benchmark stops with the server's answer: a side refused by its policies
     * would otherwise be measured as a very fast failure.
     */
    static void expectToken(URI tokenEndpoint) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tokenEndpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(FORM)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("no token from " + tokenEndpoint + ": " + answer.statusCode() + " " + answer.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The demo realm's client profiles and policies exactly as shipped in {@code realm-exports/nhi-demo-realm.json}:
     * ownership and least privilege for every client, certificate binding (with Keycloak's own executors) for the high
     * and critical tiers. The bench client is of the standard tier, so the last policy is evaluated but not applied.
     */
    static void demoPolicies(AdminApi api, String realm) {
        Path demo = Path.of(System.getProperty("nhi.realm.exports"), "nhi-demo-realm.json");
        try {
            JsonNode exported = AdminApi.JSON.readTree(demo.toFile());
            expect(204, api.put("/admin/realms/" + realm + "/client-policies/profiles", exported.required("clientProfiles")));
            expect(204, api.put("/admin/realms/" + realm + "/client-policies/policies", exported.required("clientPolicies")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the demo realm's policies from " + demo, e);
        }
    }
}
