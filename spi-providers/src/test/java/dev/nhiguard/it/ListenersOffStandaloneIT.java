package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optional listener of the pack switched off at once (an admin may: the docs list what each carries): the node's
 * state is still there for every reader. The token path with {@code nhi-anomaly-block} in the policy, the readiness
 * view, the inventory, the reviews, the usage and telemetry flushes answer as they do with the listeners on, less
 * what the listeners carry (no usage, no records). Before the node's state had a home of its own, a token request
 * here answered 500 (the anomaly flags were the identity-context listener's).
 */
class ListenersOffStandaloneIT {

    private static final List<String> LISTENERS = List.of("nhi-identity-context", "nhi-usage", "nhi-expiry", "nhi-signals", "nhi-owner-bindings");
    private static KeycloakServer server;
    private static AdminApi api;

    @BeforeAll
    static void start() {
        server = KeycloakServer.start(KeycloakServer.Options.of("listeners-off",
                LISTENERS.stream().map(id -> "--spi-events-listener--" + id + "--enabled=false").toList(), true));
        api = new AdminApi(server.baseUri());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theListenersAreOffAndTheTokenPathTheReadinessViewTheInventoryAndTheReviewsAnswer() {
        JsonNode listeners = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers").get("eventsListener").get("providers");
        LISTENERS.forEach(id -> assertFalse(listeners.has(id), id + " is switched off"));

        GovernedRealm realm = GovernedRealm.create(api, "listeners-off").withPolicies(Map.of(
                "nhi-owner-required", Map.of(), "nhi-scope-narrowing", Map.of(), "nhi-anomaly-block", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("quiet-bot")));
        HttpResponse<String> token = api.clientCredentials(realm.name(), "quiet-bot", "s3cret-quiet-bot", "payments:read");
        assertEquals(200, token.statusCode(), token.body());
        HttpResponse<String> broad = api.clientCredentials(realm.name(), "quiet-bot", "s3cret-quiet-bot", "payments");
        assertEquals(400, broad.statusCode(), broad.body());
        assertEquals("invalid_scope", parse(broad.body()).get("error").asText());

        JsonNode readiness = parse(expect(200, api.get(realm.path("/nhi-guard/readiness"))).body());
        assertTrue(readiness.get("rules").size() >= 3, readiness.toString());
        JsonNode entry = realm.inventoryEntry("quiet-bot");
        assertEquals("alice", entry.get("owner").asText(), entry.toString());
        assertTrue(entry.get("lastUsed").isNull(), "no usage is tracked with nhi-usage off: " + entry);
        expect(200, api.get(realm.path("/nhi-guard/inventory/summary")));

        ReviewApi reviews = new ReviewApi(api, realm.name());
        String alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
        assertEquals(List.of("quiet-bot"), ReviewApi.clientIds(expect(200, reviews.queue(alice, ""))));
        expect(201, reviews.decide(alice, api.clientUuid(realm.name(), "quiet-bot"), "attest", "still needed"));

        assertEquals(0, parse(expect(200, api.post(realm.path("/nhi-guard/usage/flush"), Map.of())).body()).get("clients").asInt());
        expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
    }
}
