package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client becoming a machine identity, or coming under a policy that did not judge it before, is judged in full, as
 * a create is: its problems from before count only if the policy had accepted them from a machine identity it judged.
 * Found by the fourth attack: a client broken while its service account was off, switched on again, kept its
 * violations as old ones (204 with a warning) and got tokens. Every door that makes a machine identity: the admin API
 * (a realm admin and an admin with manage-clients only), dynamic registration with a registration access token,
 * authorization services, a tier or environment an nhi-attributes condition starts to select, partial import (SKIP and
 * OVERWRITE) and a realm created with its clients.
 */
@ExtendWith(KeycloakServerExtension.class)
class MachineIdentityTransitionsIT {

    private static final String OWNERSHIP = "this client's ownership does not meet the governance policy";
    private static final String PAST = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();

    /** Owner carol (disabled) and a review date in the past: what the expiry lifecycle, not a token refusal, decides. */
    private static ObjectNode brokenOwnership(ObjectNode client) {
        ((ObjectNode) client.get("attributes")).put("nhi.owner", "carol").put("nhi.review-by", PAST);
        return client;
    }

    private static HttpResponse<String> token(AdminApi api, String realm, String clientId) {
        return api.clientCredentials(realm, clientId, "s3cret-" + clientId, "payments:read");
    }

    private static void assertRefusedForOwnerAndReview(HttpResponse<String> save) {
        assertSaveRefused(save, "nhi.owner");
        String description = parse(save.body()).path("error_description").asText();
        assertTrue(description.contains("nhi.review-by: "), description);
        assertFalse(description.contains("may stay for now"), "nothing counted as an older problem: " + description);
    }

    @Test
    void aClientCreatedWithoutItsServiceAccountIsJudgedInFullWhenItIsSwitchedOn(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-create").withDemoPolicies();
        ObjectNode dormant = brokenOwnership(GovernedRealm.compliantClient("dormant-bot")).put("serviceAccountsEnabled", false);
        expect(201, api.post(realm.path("/clients"), dormant)); // no machine identity: nothing for an ownership policy to judge

        ObjectNode switchedOn = (ObjectNode) api.client(realm.name(), "dormant-bot");
        switchedOn.put("serviceAccountsEnabled", true);
        assertRefusedForOwnerAndReview(api.put(realm.path("/clients/" + switchedOn.get("id").asText()), switchedOn));
        assertFalse(api.client(realm.name(), "dormant-bot").get("serviceAccountsEnabled").asBoolean(), "nothing half-written");
        assertOAuthError(token(api, realm.name(), "dormant-bot"), 401, "unauthorized_client", "service account"); // Keycloak's own

        switchedOn.put("serviceAccountsEnabled", true);
        ((ObjectNode) switchedOn.get("attributes")).put("nhi.owner", "alice")
                .put("nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        expect(204, api.put(realm.path("/clients/" + switchedOn.get("id").asText()), switchedOn));
        assertEquals(200, token(api, realm.name(), "dormant-bot").statusCode(), "put in order, it is a machine identity like any other");
    }

    @Test
    void aCompliantIdentityBrokenWhileSwitchedOffCannotComeBackBroken(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-cycle").withDemoPolicies();
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("cycled-bot")));
        assertEquals(200, token(api, realm.name(), "cycled-bot").statusCode());
        String path = realm.path("/clients/" + api.clientUuid(realm.name(), "cycled-bot"));

        ObjectNode off = (ObjectNode) api.client(realm.name(), "cycled-bot");
        off.put("serviceAccountsEnabled", false);
        expect(204, api.put(path, off));
        ObjectNode broken = brokenOwnership((ObjectNode) api.client(realm.name(), "cycled-bot"));
        expect(204, api.put(path, broken)); // not a machine identity: not judged
        ObjectNode on = (ObjectNode) api.client(realm.name(), "cycled-bot");
        on.put("serviceAccountsEnabled", true);
        assertRefusedForOwnerAndReview(api.put(path, on));
        assertFalse(api.client(realm.name(), "cycled-bot").get("serviceAccountsEnabled").asBoolean());
    }

    @Test
    void anAdminWithManageClientsOnlyCannotLaunderEither(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-manager").withDemoPolicies();
        String managerId = api.createUser(realm.name(), "client-manager", true, GovernedRealm.PASSWORD);
        api.grantRealmManagementRole(realm.name(), managerId, "manage-clients");
        String manager = api.passwordGrant(realm.name(), "admin-cli", "client-manager", GovernedRealm.PASSWORD).get("access_token").asText();

        ObjectNode dormant = brokenOwnership(GovernedRealm.compliantClient("managed-bot")).put("serviceAccountsEnabled", false);
        expect(201, api.sendJson("POST", realm.path("/clients"), dormant, manager));
        ObjectNode on = (ObjectNode) api.client(realm.name(), "managed-bot");
        on.put("serviceAccountsEnabled", true);
        assertRefusedForOwnerAndReview(api.sendJson("PUT", realm.path("/clients/" + on.get("id").asText()), on, manager));
    }

    @Test
    void switchingOnAuthorizationServicesIsBecomingAMachineIdentity(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-authz").withPolicies(Map.of("nhi-owner-required", Map.of()));
        ObjectNode dormant = brokenOwnership(GovernedRealm.compliantClient("authz-bot")).put("serviceAccountsEnabled", false);
        expect(201, api.post(realm.path("/clients"), dormant));
        ObjectNode authz = (ObjectNode) api.client(realm.name(), "authz-bot");
        authz.remove("serviceAccountsEnabled");
        authz.put("authorizationServicesEnabled", true);
        assertRefusedForOwnerAndReview(api.put(realm.path("/clients/" + authz.get("id").asText()), authz));
        assertFalse(api.client(realm.name(), "authz-bot").get("serviceAccountsEnabled").asBoolean());
    }

    @Test
    void dynamicRegistrationCannotSwitchABrokenClientsServiceAccountOn(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-dcr").withPolicies(Map.of("nhi-owner-required", Map.of()));
        String initialToken = parse(expect(201, api.post(realm.path("/clients-initial-access"), Map.of("count", 1, "expiration", 600))).body())
                .get("token").asText();
        ObjectNode dormant = brokenOwnership(GovernedRealm.compliantClient("registered-bot")).put("serviceAccountsEnabled", false);
        dormant.remove(List.of("defaultClientScopes", "optionalClientScopes")); // registration takes the realm's allowed scopes
        JsonNode registered = parse(expect(201, api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default",
                dormant, initialToken)).body());
        ObjectNode update = (ObjectNode) registered.deepCopy();
        update.remove("registrationAccessToken");
        update.put("serviceAccountsEnabled", true);
        HttpResponse<String> refused = api.sendJson("PUT", "/realms/" + realm.name() + "/clients-registrations/default/registered-bot",
                update, registered.get("registrationAccessToken").asText());
        assertEquals(403, refused.statusCode(), "registration answers a client policy's refusal so: " + refused.body());
        String description = parse(refused.body()).path("error_description").asText();
        // a registration token's holder learns that the owner is not acceptable, not which users exist or are disabled
        assertTrue(description.contains("nhi.owner: ") && description.contains("nhi.review-by: "), description);
        assertFalse(description.contains("carol"), description);
        assertFalse(api.client(realm.name(), "registered-bot").get("serviceAccountsEnabled").asBoolean());
    }

    @Test
    void aTierAPolicyStartsToSelectIsJudgedInFull(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-tier").withPolicies(Map.of("nhi-mtls-binding", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("tiered-bot"))); // standard: not selected
        ObjectNode critical = realm.storedWith("tiered-bot", Map.of("nhi.tier", "critical"));
        HttpResponse<String> refused = api.put(realm.path("/clients/" + critical.get("id").asText()), critical);
        assertSaveRefused(refused, "clientAuthenticatorType");
        assertFalse(parse(refused.body()).path("error_description").asText().contains("may stay for now"), refused.body());
        assertFalse(api.client(realm.name(), "tiered-bot").get("attributes").has("nhi.tier"));
    }

    @Test
    void anEnvironmentAPolicyStartsToSelectIsJudgedInFull(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-env");
        ObjectNode legacy = GovernedRealm.compliantClient("env-bot").put("fullScopeAllowed", true);
        ((ObjectNode) legacy.get("attributes")).put("nhi.environment", "dev");
        expect(201, api.post(realm.path("/clients"), legacy));
        // without auto-configure, so that what the save breaks is refused rather than fixed
        putPolicy(api, realm, "nhi-scope-narrowing", JSON.createObjectNode().put("auto-configure", false),
                condition("nhi-attributes", JSON.createObjectNode().set("environments", JSON.createArrayNode().add("prod"))));

        ObjectNode prod = realm.storedWith("env-bot", Map.of("nhi.environment", "prod"));
        HttpResponse<String> refused = api.put(realm.path("/clients/" + prod.get("id").asText()), prod);
        assertSaveRefused(refused, "fullScopeAllowed");
        assertEquals("dev", api.client(realm.name(), "env-bot").get("attributes").get("nhi.environment").asText());
        // an edit inside dev is no business of the prod policy: saved
        expect(204, api.put(realm.path("/clients/" + prod.get("id").asText()), realm.storedWith("env-bot", Map.of("nhi.purpose", "Dev only"))));
    }

    @Test
    void aMachineIdentityImportedPastEveryPolicyIsRefusedAsACreateWouldBe(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "transition-import").withDemoPolicies();
        expect(200, api.partialImport(realm.name(), "SKIP", brokenOwnership(GovernedRealm.compliantClient("imported-bot"))));
        HttpResponse<String> refused = token(api, realm.name(), "imported-bot");
        assertOAuthError(refused, 400, "unauthorized_client", OWNERSHIP);
        assertOAuthError(refused, 400, "unauthorized_client", "nhi.owner: owner disabled (OWNER_DISABLED)");
        assertOAuthError(refused, 400, "unauthorized_client", "nhi.review-by: review overdue (REVIEW_OVERDUE)");

        // OVERWRITE of a compliant identity in use: the import is a new client, judged as one
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("overwritten-bot")));
        assertEquals(200, token(api, realm.name(), "overwritten-bot").statusCode());
        expect(200, api.partialImport(realm.name(), "OVERWRITE", brokenOwnership(GovernedRealm.compliantClient("overwritten-bot"))));
        assertOAuthError(token(api, realm.name(), "overwritten-bot"), 400, "unauthorized_client", "(OWNER_DISABLED)");

        // put in order by a save the policy judges, it gets tokens
        ObjectNode fixed = realm.storedWith("imported-bot", Map.of("nhi.owner", "alice",
                "nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()));
        expect(204, api.put(realm.path("/clients/" + fixed.get("id").asText()), fixed));
        assertEquals(200, token(api, realm.name(), "imported-bot").statusCode());
    }

    @Test
    void aRealmCreatedWithItsClientsAndPoliciesJudgesThemAsCreated(AdminApi api) {
        GovernedRealm template = GovernedRealm.create(api, "transition-template").withPolicies(Map.of("nhi-owner-required", Map.of()));
        JsonNode profiles = parse(expect(200, api.get(template.path("/client-policies/profiles"))).body());
        JsonNode policies = parse(expect(200, api.get(template.path("/client-policies/policies"))).body());
        String name = "transition-realm-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ObjectNode realm = JSON.createObjectNode().put("realm", name).put("enabled", true);
        realm.set("clientProfiles", profiles);
        realm.set("clientPolicies", policies);
        ObjectNode carol = realm.putArray("users").addObject().put("username", "carol").put("enabled", false);
        carol.put("email", "carol@example.test");
        ObjectNode bot = brokenOwnership(GovernedRealm.compliantClient("realm-bot"));
        bot.remove("optionalClientScopes"); // the new realm has no payments scopes
        realm.putArray("clients").add(bot);
        expect(201, api.post("/admin/realms", realm));
        HttpResponse<String> refused = api.clientCredentials(name, "realm-bot", "s3cret-realm-bot", null);
        assertOAuthError(refused, 400, "unauthorized_client", "(OWNER_DISABLED)");
        expect(204, api.delete("/admin/realms/" + name));
    }

    @Test
    void aLegacyIdentityAPolicyAlreadyJudgedKeepsItsOlderProblemsOnAnEdit(AdminApi api) {
        // the rollout promise still holds where it should: a machine identity the policy judged as it stands
        GovernedRealm realm = GovernedRealm.create(api, "transition-legacy");
        expect(201, api.post(realm.path("/clients"), brokenOwnership(GovernedRealm.compliantClient("legacy-bot"))));
        realm.withPolicies(Map.of("nhi-owner-required", Map.of()));
        ObjectNode edited = realm.storedWith("legacy-bot", Map.of("nhi.purpose", "Still reads settled payments"));
        HttpResponse<String> saved = expect(204, api.put(realm.path("/clients/" + edited.get("id").asText()), edited));
        assertTrue(saved.headers().firstValue("NHI-Guard-Warning").orElse("").contains("nhi.owner"), saved.headers().toString());
    }

    private static ObjectNode condition(String provider, ObjectNode configuration) {
        ObjectNode condition = JSON.createObjectNode().put("condition", provider);
        condition.set("configuration", configuration);
        return condition;
    }

    private static void putPolicy(AdminApi api, GovernedRealm realm, String executor, ObjectNode configuration, ObjectNode condition) {
        ObjectNode profiles = JSON.createObjectNode();
        profiles.putArray("profiles").addObject().put("name", executor + "-profile")
                .putArray("executors").addObject().put("executor", executor).set("configuration", configuration);
        ObjectNode policies = JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", executor + "-policy").put("enabled", true);
        policy.putArray("conditions").add(condition);
        policy.putArray("profiles").add(executor + "-profile");
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        expect(204, api.put(realm.path("/client-policies/policies"), policies));
        assertEquals(List.of(executor + "-policy"), parse(expect(200, api.get(realm.path("/client-policies/policies"))).body())
                .findValuesAsText("name"));
    }
}
