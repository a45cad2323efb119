package dev.nhiguard.it;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

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
        assertEquals(400, createOwnerless(api, realm, "prod-critical", Map.of("nhi.tier", "critical", "nhi.environment", "PROD")));
        assertEquals(201, createOwnerless(api, realm, "dev-critical", Map.of("nhi.tier", "critical", "nhi.environment", "dev")));
        assertEquals(201, createOwnerless(api, realm, "prod-standard", Map.of("nhi.environment", "prod")));
    }

    @Test
    void negativeLogicSelectsEveryOtherClient(AdminApi api) {
        String realm = api.createRealm("condition-not");
        api.enableExecutor(realm, "nhi-owner-required", Map.of(), "nhi-attributes",
                Map.of("tiers", List.of("standard"), "is-negative-logic", true));
        assertEquals(201, createOwnerless(api, realm, "plain", Map.of()));
        assertEquals(400, createOwnerless(api, realm, "high", Map.of("nhi.tier", "high")));
    }

    @Test
    void selectsByOwnerGroup(AdminApi api) {
        String realm = api.createRealm("condition-group");
        api.enableExecutor(realm, "nhi-owner-required", Map.of("review-date-required", false), "nhi-attributes",
                Map.of("owner-groups", List.of("/payments-team")));
        assertEquals(400, createOwnerless(api, realm, "payments", Map.of("nhi.owner-group", "/payments-team")));
        assertEquals(201, createOwnerless(api, realm, "other", Map.of("nhi.owner-group", "/other-team")));
    }
}
