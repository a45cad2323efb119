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
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text a machine client carries that the pack shows or reads. Found by the fourth attack: a clientId holding a
 * right-to-left override, a line separator, a quote and a '<' reached the inventory and the reviews as it was, so one
 * client could pass for another; client.secret.creation.time=9999999999999999 showed a secret expired in the year
 * -267664694, and client.secret.expiration.time=abc was saved and then failed every authentication of the client.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachineClientTextIT {

    private AdminApi api;
    private GovernedRealm realm;

    @BeforeAll
    void governedRealm(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "client-text").withPolicies(Map.of("nhi-owner-required", Map.of(), "nhi-credential-policy", Map.of()));
    }

    @Test
    void aClientIdThatCouldPassForAnotherIsRefusedOnEveryDoor() {
        // the second half found by the fifth attack: characters that render as nothing, and fillers inside a name
        for (String clientId : List.of("payments\u202Egnirts", "payments\u2028bot", "pay\u200Bments-bot", "\u3164\u3164", "bot\u0007",
                "g1\u034F", "g1\uFE0F", "g1\u180B", "g1\u17B4", "a\u3164b1", "g1\uDB40\uDD00")) {
            HttpResponse<String> refused = api.post(realm.path("/clients"), GovernedRealm.compliantClient(clientId));
            assertSaveRefused(refused, "clientId");
            assertTrue(parse(refused.body()).path("error_description").asText().contains("could pass for another client"), refused.body());
            assertFalse(clientIds().contains(clientId), "nothing half-written");
        }
        // quotes and markup are text: accepted, and escaped where they are shown
        String markup = "\"<b>reporting</b>\"";
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient(markup)));
        assertEquals(markup, realm.inventoryEntry(markup).get("clientId").asText());

        // past the save (partial import): no token, and the inventory says why
        String imported = "ledger\u202Etob";
        expect(200, api.partialImport(realm.name(), "SKIP", GovernedRealm.compliantClient(imported)));
        assertOAuthError(api.clientCredentials(realm.name(), imported, "s3cret-" + imported, "payments:read"), 400, "unauthorized_client",
                "clientId: client id not plain text (INVALID_CLIENT_ID)");
        assertTrue(realm.inventoryEntry(imported).get("findings").toString().contains("INVALID_CLIENT_ID"));

        // dynamic registration with an initial access token
        String initialToken = parse(expect(201, api.post(realm.path("/clients-initial-access"), Map.of("count", 1, "expiration", 600))).body())
                .get("token").asText();
        ObjectNode registered = GovernedRealm.compliantClient("dcr\u2028bot");
        registered.remove(List.of("defaultClientScopes", "optionalClientScopes"));
        HttpResponse<String> dcr = api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default", registered, initialToken);
        assertEquals(403, dcr.statusCode(), dcr.body());
        assertTrue(parse(dcr.body()).path("error_description").asText().startsWith("clientId: "), dcr.body());
    }

    /** Every clientId of the realm (Keycloak refuses a search for one with a control character in it). */
    private List<String> clientIds() {
        return parse(expect(200, api.get(realm.path("/clients?first=0&max=1000"))).body()).findValuesAsText("clientId");
    }

    @Test
    void aSecretTimeKeycloakCannotReadIsANamed400() {
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("timed-bot")));
        // " 1796687526" found by the fifth attack: Keycloak reads it as it is, and fails every authentication of the client
        for (Map.Entry<String, String> bad : List.of(Map.entry("client.secret.creation.time", "9999999999999999"),
                Map.entry("client.secret.expiration.time", "abc"), Map.entry("client.secret.rotated.expiration.time", "-5"),
                Map.entry("client.secret.expiration.time", " 1796687526"), Map.entry("client.secret.creation.time", "1796687526 "))) {
            ObjectNode edited = realm.storedWith("timed-bot", Map.of(bad.getKey(), bad.getValue()));
            HttpResponse<String> refused = api.put(realm.path("/clients/" + edited.get("id").asText()), edited);
            assertSaveRefused(refused, bad.getKey());
            assertFalse(api.client(realm.name(), "timed-bot").get("attributes").has(bad.getKey())
                    && api.client(realm.name(), "timed-bot").get("attributes").get(bad.getKey()).asText().equals(bad.getValue()), "nothing stored");
        }
        assertEquals(200, api.clientCredentials(realm.name(), "timed-bot", "s3cret-timed-bot", "payments:read").statusCode());

        // past the save: the inventory names it and shows no date from another era
        ObjectNode imported = GovernedRealm.compliantClient("overflow-bot");
        ((ObjectNode) imported.get("attributes")).put("client.secret.creation.time", "9999999999999999");
        expect(200, api.partialImport(realm.name(), "SKIP", imported));
        JsonNode entry = realm.inventoryEntry("overflow-bot");
        assertTrue(entry.get("findings").toString().contains("INVALID_SECRET_TIME"), entry.toString());
        assertFalse(entry.get("secretExpires").asText().startsWith("-"), entry.toString());
        assertTrue(entry.get("secretAgeDays").asLong() >= 0, entry.toString());
    }
}
