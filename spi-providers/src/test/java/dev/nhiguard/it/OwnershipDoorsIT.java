package dev.nhiguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nhi-owner-required where client policies never look at a save: partial import, then every grant. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipDoorsIT {

    private static final String POLICY = "this client's ownership does not meet the governance policy";

    private AdminApi api;
    private GovernedRealm realm;

    @BeforeAll
    void realmWithOwnerRequired(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "owner-doors").withPolicies(Map.of("nhi-owner-required", Map.of()));
    }

    private void importClient(ObjectNode client) {
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
    }

    private HttpResponse<String> token(String clientId) {
        return api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId, null);
    }

    private static ObjectNode withAttributes(String clientId, Map<String, String> attributes) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ObjectNode attrs = (ObjectNode) client.get("attributes");
        attributes.forEach((name, value) -> {
            if (value == null) {
                attrs.remove(name);
            } else {
                attrs.put(name, value);
            }
        });
        return client;
    }

    @Test
    void anOwnerlessMachineIdentityImportedPastThePolicyGetsNoToken() {
        ObjectNode client = GovernedRealm.compliantClient("imported-orphan");
        ((ObjectNode) client.get("attributes")).removeAll();
        importClient(client);
        HttpResponse<String> response = token("imported-orphan");
        assertOAuthError(response, 400, "unauthorized_client", POLICY);
        assertOAuthError(response, 400, "unauthorized_client", "nhi.owner: ");
    }

    @Test
    void overwritingAnOwnedClientWithoutItsOwnerStopsItsTokens() {
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("owned-then-stripped")));
        assertEquals(200, token("owned-then-stripped").statusCode());
        importClient(withAttributes("owned-then-stripped", Map.of("nhi.owner", "")));
        assertOAuthError(token("owned-then-stripped"), 400, "unauthorized_client", "nhi.owner: ");
    }

    @Test
    void anOwnerWhoIsNoUserOfTheRealmGetsNoToken() {
        importClient(withAttributes("ghost-owned", Map.of("nhi.owner", "ghost")));
        assertOAuthError(token("ghost-owned"), 400, "unauthorized_client", "nhi.owner: owner not an active user");
    }

    @Test
    void aReviewDatePushedBeyondTheHorizonGetsNoToken() {
        importClient(withAttributes("never-reviewed", Map.of("nhi.review-by", "2099-12-31")));
        assertOAuthError(token("never-reviewed"), 400, "unauthorized_client", "nhi.review-by: ");
    }

    @Test
    void anOwnerDisabledAfterTheIdentityWasAcceptedStartsTheGracePeriodInsteadOfStoppingTheService() {
        String olivia = api.createUser(realm.name(), "olivia", true, GovernedRealm.PASSWORD);
        expect(201, api.post(realm.path("/clients"), withAttributes("offboarded-owner", Map.of("nhi.owner", "olivia"))));
        expect(204, api.put(realm.path("/users/" + olivia), Map.of("enabled", false)));
        assertEquals(200, token("offboarded-owner").statusCode(), "owner offboarding is handled by expiry, after its grace period");
        // imported with a disabled owner, no save ever accepted it: judged as a create (MachineIdentityTransitionsIT)
        importClient(withAttributes("imported-offboarded", Map.of("nhi.owner", "olivia")));
        assertOAuthError(token("imported-offboarded"), 400, "unauthorized_client", "(OWNER_DISABLED)");
    }

    @Test
    void everyGrantIsHeldToTheSameRule() {
        ObjectNode client = GovernedRealm.compliantClient("orphan-with-password-grant");
        ((ObjectNode) client.get("attributes")).removeAll();
        client.put("directAccessGrantsEnabled", true);
        importClient(client);
        HttpResponse<String> response = api.form("/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "orphan-with-password-grant",
                "client_secret", "s3cret-orphan-with-password-grant", "username", "alice", "password", GovernedRealm.PASSWORD));
        assertOAuthError(response, 400, "unauthorized_client", "nhi.owner: ");
    }

    @Test
    void tokenTimeEnforcementCanBeSwitchedOffWhileMigrating() {
        GovernedRealm migrating = GovernedRealm.create(api, "owner-migrating")
                .withPolicies(Map.of("nhi-owner-required", Map.of("enforce-on-token-request", false)));
        ObjectNode client = GovernedRealm.compliantClient("legacy-orphan");
        ((ObjectNode) client.get("attributes")).removeAll();
        expect(200, api.partialImport(migrating.name(), "OVERWRITE", client));
        assertEquals(200, api.clientCredentials(migrating.name(), "legacy-orphan", "s3cret-legacy-orphan", null).statusCode());
    }

    @Test
    void anOwnerGroupMustBeWrittenTheWayPoliciesCompareIt() {
        expect(201, api.post(realm.path("/groups"), Map.of("name", "payments-team")));
        HttpResponse<String> refused = api.post(realm.path("/clients"), withAttributes("slashed-group", Map.of("nhi.owner-group", "/payments-team/")));
        assertSaveRefused(refused, "nhi.owner-group");
        assertTrue(refused.body().contains("write the group path as /payments-team"), refused.body());
        importClient(withAttributes("imported-slashed-group", Map.of("nhi.owner-group", "/payments-team/")));
        assertOAuthError(token("imported-slashed-group"), 400, "unauthorized_client", "nhi.owner-group: ");
    }

    @Test
    void anUnknownTierIsRefusedWhenSaved() {
        ObjectNode client = withAttributes("tier-typo", Map.of("nhi.tier", "critcal"));
        assertSaveRefused(api.post(realm.path("/clients"), client), "nhi.tier");
        assertFalse(api.clientExists(realm.name(), "tier-typo"));
    }
}
