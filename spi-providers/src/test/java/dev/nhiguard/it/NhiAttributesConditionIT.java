package dev.nhiguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** nhi-attributes selects clients for any executor; shown here with nhi-owner-required, whose effect is easy to see. */
@ExtendWith(KeycloakServerExtension.class)
class NhiAttributesConditionIT {

    private static int createOwnerless(AdminApi api, String realm, String clientId, Map<String, String> attributes) {
        return api.createServiceAccountClient(realm, clientId, attributes).statusCode();
    }

    @Test
    void selectsByTierAndEnvironment(AdminApi api) {
        String realm = api.createRealm("condition");
        api.enableExecutor(realm, "nhi-owner-required", Map.of(), "nhi-attributes",
                Map.of("tiers", List.of("critical"), "environments", List.of("prod")));
        assertSaveRefused(api.createServiceAccountClient(realm, "prod-critical", Map.of("nhi.tier", "critical", "nhi.environment", "PROD")),
                "nhi.owner");
        assertEquals(201, createOwnerless(api, realm, "dev-critical", Map.of("nhi.tier", "critical", "nhi.environment", "dev")));
        assertEquals(201, createOwnerless(api, realm, "prod-standard", Map.of("nhi.environment", "prod")));
    }

    @Test
    void negativeLogicSelectsEveryOtherClient(AdminApi api) {
        String realm = api.createRealm("condition-not");
        api.enableExecutor(realm, "nhi-owner-required", Map.of(), "nhi-attributes",
                Map.of("tiers", List.of("standard"), "is-negative-logic", true));
        assertEquals(201, createOwnerless(api, realm, "plain", Map.of()));
        assertSaveRefused(api.createServiceAccountClient(realm, "high", Map.of("nhi.tier", "high")), "nhi.owner");
    }

    @Test
    void selectsByOwnerGroup(AdminApi api) {
        String realm = api.createRealm("condition-group");
        api.enableExecutor(realm, "nhi-owner-required", Map.of("review-date-required", false), "nhi-attributes",
                Map.of("owner-groups", List.of("/payments-team")));
        assertSaveRefused(api.createServiceAccountClient(realm, "payments", Map.of("nhi.owner-group", "/payments-team")), "nhi.owner");
        assertEquals(201, createOwnerless(api, realm, "other", Map.of("nhi.owner-group", "/other-team")));
    }

    @Test
    void loweringTheTierAndDroppingTheControlInOneSaveIsRefused(AdminApi api) {
        String realm = api.createRealm("condition-downgrade");
        api.createUser(realm, "alice", true, null);
        api.enableExecutor(realm, "nhi-owner-required", Map.of(), "nhi-attributes", Map.of("tiers", List.of("critical")));
        Map<String, String> owned = OwnerRequiredIT.valid();
        owned.put("nhi.tier", "critical");
        assertEquals(201, createOwnerless(api, realm, "vault-bot", owned));
        String path = "/admin/realms/" + realm + "/clients/" + api.clientUuid(realm, "vault-bot");

        ObjectNode both = (ObjectNode) api.client(realm, "vault-bot");
        ((ObjectNode) both.get("attributes")).put("nhi.tier", "standard").put("nhi.owner", "");
        assertSaveRefused(api.put(path, both), "nhi.owner"); // the stored tier still selects the client
        assertEquals("critical", api.client(realm, "vault-bot").get("attributes").get("nhi.tier").asText());

        ObjectNode tierOnly = (ObjectNode) api.client(realm, "vault-bot");
        ((ObjectNode) tierOnly.get("attributes")).put("nhi.tier", "standard");
        assertEquals(204, api.put(path, tierOnly).statusCode(), "a reclassification on its own is an ordinary, audited update");
        ObjectNode ownerless = (ObjectNode) api.client(realm, "vault-bot");
        ((ObjectNode) ownerless.get("attributes")).put("nhi.owner", "");
        assertEquals(204, api.put(path, ownerless).statusCode());
    }
}
