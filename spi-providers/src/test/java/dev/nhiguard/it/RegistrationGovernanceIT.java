package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registration access token is the registered program's own credential. Found by the fourth attack: with it a
 * machine identity could pick its owner, attest itself (a review date ten months on, no review recorded) and lower
 * its tier or change its environment to leave the policy that governs it. What governs it changes through an admin or
 * an owner's review; the token still updates the client's own settings, judged as any save.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationGovernanceIT {

    private AdminApi api;
    private GovernedRealm realm;

    @BeforeAll
    void realm(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "dcr-governance").withPolicies(Map.of("nhi-owner-required", Map.of(), "nhi-mtls-binding", Map.of()));
        api.createUser(realm.name(), "bob", true, GovernedRealm.PASSWORD);
    }

    private JsonNode register(String clientId) {
        String initialToken = parse(expect(201, api.post(realm.path("/clients-initial-access"), Map.of("count", 1, "expiration", 600))).body())
                .get("token").asText();
        ObjectNode client = AdminApi.serviceAccountClient(clientId, OwnerRequiredIT.valid());
        return parse(expect(201, api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default",
                client, initialToken)).body());
    }

    private HttpResponse<String> updateWith(JsonNode registered, String attribute, String value) {
        ObjectNode update = (ObjectNode) registered.deepCopy();
        update.remove("registrationAccessToken");
        ((ObjectNode) update.get("attributes")).put(attribute, value);
        return api.sendJson("PUT", "/realms/" + realm.name() + "/clients-registrations/default/" + registered.get("clientId").asText(),
                update, registered.get("registrationAccessToken").asText());
    }

    @Test
    void theTokenCannotChangeWhatGovernsTheIdentity() {
        JsonNode registered = register("self-governing-bot");
        Map<String, String> attempts = Map.of(
                "nhi.owner", "bob",
                "nhi.owner-group", "/platform-team",
                "nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(300).toString(),
                "nhi.tier", "standard",
                "nhi.environment", "sandbox",
                "nhi.purpose", "whatever it likes",
                "nhi.owner-x", "a made-up governance attribute");
        attempts.forEach((attribute, value) -> {
            HttpResponse<String> refused = updateWith(registered, attribute, value);
            assertEquals(403, refused.statusCode(), attribute + ": " + refused.body());
            String description = parse(refused.body()).get("error_description").asText();
            assertTrue(description.contains(attribute) && description.contains("registration access token"), description);
        });
        JsonNode stored = api.client(realm.name(), "self-governing-bot").get("attributes");
        assertEquals("alice", stored.get("nhi.owner").asText(), "nothing changed: " + stored);
        assertEquals(registered.get("attributes").get("nhi.review-by").asText(), stored.get("nhi.review-by").asText());
        assertTrue(!stored.has("nhi.tier") && !stored.has("nhi.environment"), stored.toString());
    }

    @Test
    void theTokenStillUpdatesTheClientsOwnSettings() {
        JsonNode registered = register("self-describing-bot");
        ObjectNode update = (ObjectNode) registered.deepCopy();
        update.remove("registrationAccessToken");
        update.put("description", "Nightly export, moved to the new cluster");
        HttpResponse<String> saved = api.sendJson("PUT", "/realms/" + realm.name() + "/clients-registrations/default/self-describing-bot",
                update, registered.get("registrationAccessToken").asText());
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals("Nightly export, moved to the new cluster", api.client(realm.name(), "self-describing-bot").get("description").asText());
    }
}
