package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.GovernedRealm.PASSWORD;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first step: {@code POST nhi-guard/onboard} adds the pack's recommended profiles and policies, every
 * executor in report-only, beside what the realm has, and never in its place.
 */
@ExtendWith(KeycloakServerExtension.class)
class OnboardIT {

    private static final List<String> PROFILES = List.of("nhi-governance", "nhi-least-privilege", "nhi-anomaly-blocking", "nhi-key-bound-tokens");
    private static final List<String> POLICIES = List.of("nhi-machine-identities", "nhi-high-and-critical-identities");

    /** A realm with a profile and a policy of its own, as Keycloak admins write them. */
    private static GovernedRealm realmWithItsOwnPolicies(AdminApi api, String prefix) {
        GovernedRealm realm = GovernedRealm.create(api, prefix);
        ObjectNode profiles = JSON.createObjectNode();
        profiles.putArray("profiles").addObject().put("name", "own-confidential").put("description", "the realm's own <& profile>")
                .putArray("executors").addObject().put("executor", "confidential-client").putObject("configuration");
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        ObjectNode policies = JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", "own-policy").put("description", "the realm's own")
                .put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "client-access-type").putObject("configuration")
                .putArray("type").add("confidential");
        policy.putArray("profiles").add("own-confidential");
        expect(204, api.put(realm.path("/client-policies/policies"), policies));
        return realm;
    }

    private static JsonNode profiles(AdminApi api, GovernedRealm realm) {
        return parse(expect(200, api.get(realm.path("/client-policies/profiles"))).body()).get("profiles");
    }

    private static JsonNode policies(AdminApi api, GovernedRealm realm) {
        return parse(expect(200, api.get(realm.path("/client-policies/policies"))).body()).get("policies");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get("name").asText()));
        return names;
    }

    private static JsonNode onboard(AdminApi api, GovernedRealm realm, String dryRun) {
        return parse(expect(200, api.post(realm.path("/nhi-guard/onboard?dryRun=" + dryRun), Map.of())).body());
    }

    @Test
    void theRecommendedSetIsAddedInReportOnlyAfterTheRealmsOwnWhichStayAsTheyWere(AdminApi api) {
        GovernedRealm realm = realmWithItsOwnPolicies(api, "onboard-own");
        JsonNode ownProfiles = profiles(api, realm);
        JsonNode ownPolicies = policies(api, realm);
        expect(204, api.put(realm.path("/events/config"), Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)));

        JsonNode dryRun = onboard(api, realm, "true");
        assertEquals(JSON.valueToTree(PROFILES), dryRun.get("added").get("profiles"));
        assertEquals(ownProfiles, profiles(api, realm), "a dry run adds nothing");
        assertEquals(ownPolicies, policies(api, realm));

        JsonNode done = onboard(api, realm, "false");
        assertEquals(JSON.valueToTree(POLICIES), done.get("added").get("policies"));
        assertEquals(JSON.valueToTree(PROFILES), done.get("added").get("profiles"));
        JsonNode profiles = profiles(api, realm);
        JsonNode policies = policies(api, realm);
        assertEquals(ownProfiles.get(0), profiles.get(0), "the realm's own profile, as it was");
        assertEquals(ownPolicies.get(0), policies.get(0), "the realm's own policy, as it was");
        List<String> expectedProfiles = new ArrayList<>(List.of("own-confidential"));
        expectedProfiles.addAll(PROFILES);
        assertEquals(expectedProfiles, names(profiles));
        assertEquals(List.of("own-policy", "nhi-machine-identities", "nhi-high-and-critical-identities"), names(policies));
        for (JsonNode profile : profiles) {
            for (JsonNode executor : profile.get("executors")) {
                if (executor.get("executor").asText().startsWith("nhi-")) {
                    assertEquals("report-only", executor.get("configuration").get("mode").asText(), profile.toString());
                }
            }
        }
        JsonNode events = parse(expect(200, api.get(realm.path("/admin-events?resourceTypes=REALM"))).body());
        List<JsonNode> onboarded = new ArrayList<>();
        events.forEach(event -> {
            if (event.get("resourcePath").asText().equals("nhi-guard/onboard")) {
                onboarded.add(event);
            }
        });
        assertEquals(1, onboarded.size(), "one admin event, for the change and not the dry run: " + events);
        assertEquals("UPDATE", onboarded.get(0).get("operationType").asText());
        assertTrue(onboarded.get(0).get("representation").asText().contains("nhi-machine-identities"), onboarded.get(0).toString());
        // the readiness view comes with it, one row per rule, each in report-only
        JsonNode rules = done.get("readiness").get("rules");
        assertTrue(rules.size() >= 5, rules.toString());
        rules.forEach(rule -> assertEquals("report-only", rule.get("mode").asText(), rule.toString()));

        // report-only refuses nothing: an ownerless client is saved and gets its token, with the refusal on record
        ObjectNode ownerless = AdminApi.serviceAccountClient("onboard-ownerless", Map.of());
        ownerless.put("secret", "s3cret-onboard-ownerless");
        expect(201, api.post(realm.path("/clients"), ownerless));
        expect(200, api.clientCredentials(realm.name(), "onboard-ownerless", "s3cret-onboard-ownerless"));
    }

    @Test
    void onboardingAgainChangesNothingEvenAfterAnAdminSwitchedARuleToEnforce(AdminApi api) {
        GovernedRealm realm = realmWithItsOwnPolicies(api, "onboard-again");
        onboard(api, realm, "false");
        ObjectNode profiles = (ObjectNode) parse(expect(200, api.get(realm.path("/client-policies/profiles"))).body());
        for (JsonNode profile : profiles.get("profiles")) {
            if (profile.get("name").asText().equals("nhi-governance")) {
                ((ObjectNode) profile.get("executors").get(0).get("configuration")).put("mode", "enforce");
            }
        }
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        JsonNode before = profiles(api, realm);
        JsonNode policiesBefore = policies(api, realm);

        JsonNode again = onboard(api, realm, "false");
        assertEquals(0, again.get("added").get("profiles").size(), again.toString());
        assertEquals(0, again.get("added").get("policies").size(), again.toString());
        assertEquals(JSON.valueToTree(PROFILES), again.get("unchanged").get("profiles"));
        assertEquals(JSON.valueToTree(POLICIES), again.get("unchanged").get("policies"));
        assertEquals(before, profiles(api, realm), "the admin's enforce stays");
        assertEquals(policiesBefore, policies(api, realm));
    }

    @Test
    void aNameTheRealmUsesForSomethingElseStopsTheWholeOnboardingAndNamesIt(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-conflict");
        ObjectNode profiles = JSON.createObjectNode();
        ArrayNode list = profiles.putArray("profiles");
        list.addObject().put("name", "nhi-least-privilege").putArray("executors").addObject().put("executor", "confidential-client")
                .putObject("configuration");
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        JsonNode ownProfiles = profiles(api, realm);
        JsonNode ownPolicies = policies(api, realm);

        for (String dryRun : List.of("true", "false")) {
            assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=" + dryRun), Map.of()), 400,
                    "the realm has profile nhi-least-privilege with other content");
        }
        assertEquals(ownProfiles, profiles(api, realm), "nothing added, not even the names that were free");
        assertEquals(ownPolicies, policies(api, realm));
    }

    @Test
    void aRecommendedPolicyWithNegativeLogicIsAnotherPolicy(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-negated");
        onboard(api, realm, "false");
        ObjectNode policies = (ObjectNode) parse(expect(200, api.get(realm.path("/client-policies/policies"))).body());
        ((ObjectNode) policies.get("policies").get(0).get("conditions").get(0).get("configuration")).put("is-negative-logic", true);
        expect(204, api.put(realm.path("/client-policies/policies"), policies));
        JsonNode negated = policies(api, realm);
        assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=true"), Map.of()), 400,
                "the realm has policy nhi-machine-identities with other content");
        assertEquals(negated, policies(api, realm));
        // and the readiness view agrees with the token endpoint: the negated policy governs nobody
        ObjectNode loose = AdminApi.serviceAccountClient("negated-bot", Map.of());
        expect(201, api.post(realm.path("/clients"), loose));
        JsonNode readiness = parse(expect(200, api.get(realm.path("/nhi-guard/readiness"))).body());
        readiness.get("rules").forEach(rule -> {
            if (rule.get("policy").asText().equals("nhi-machine-identities")) {
                assertEquals(0, rule.get("clientsGoverned").asInt(), rule.toString());
            }
        });
    }

    @Test
    void aDetachedRealmIsAttachedNotOnboarded(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-detached");
        ObjectNode attributes = (ObjectNode) parse(expect(200, api.get(realm.path(""))).body()).get("attributes");
        attributes.put("nhi.detached", "{\"version\":1,\"profiles\":[],\"policies\":[],\"listeners\":[],\"adminTheme\":null}");
        expect(204, api.put(realm.path(""), Map.of("attributes", attributes)));
        for (String dryRun : List.of("true", "false")) {
            assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=" + dryRun), Map.of()), 400,
                    "the realm is detached from NHI Guard (realm attribute nhi.detached): put back what was taken with scripts/nhi-guard-realms.sh attach");
        }
    }

    /** Keycloak judges every profile of the realm when they are saved: a dry run says what the real run will answer. */
    @Test
    void aDryRunAnswersWhatTheRealRunWillWhenTheRealmsOwnProfilesAreBroken(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-broken");
        ObjectNode attributes = (ObjectNode) parse(expect(200, api.get(realm.path(""))).body()).get("attributes");
        // written past the profiles endpoint, which would have refused it
        attributes.put("client-policies.profiles", "{\"profiles\":[{\"name\":\"own\",\"executors\":[{\"executor\":"
                + "\"nhi-scope-narrowing\",\"configuration\":{\"max-token-lifespan\":\"soon\"}}]}]}");
        expect(204, api.put(realm.path(""), Map.of("attributes", attributes)));
        JsonNode profiles = profiles(api, realm);
        String real = assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=false"), Map.of()), 400, "max-token-lifespan");
        String dry = assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=true"), Map.of()), 400, "max-token-lifespan");
        assertEquals(real, dry);
        assertEquals(profiles, profiles(api, realm), "nothing kept by either");
        assertEquals(0, policies(api, realm).size());
    }

    @Test
    void dryRunMustBeSaidOnceAndPlainly(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-input");
        assertAdminError(api.post(realm.path("/nhi-guard/onboard"), Map.of()), 400, "dryRun: required");
        assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun="), Map.of()), 400, "dryRun");
        assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=yes"), Map.of()), 400, "dryRun 'yes' is neither true nor false");
        assertAdminError(api.post(realm.path("/nhi-guard/onboard?dryRun=true&dryRun=false"), Map.of()), 400, "dryRun: sent more than once");
        assertEquals(0, policies(api, realm).size(), "nothing added by a bad request");
    }

    @Test
    void onlyAnAdminWhoManagesTheRealmMayOnboardItAndOnlyOneWhoSeesItsPoliciesMayAsk(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "onboard-access");
        api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), "realm-viewer", true, PASSWORD), "view-realm");
        api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), "client-manager", true, PASSWORD), "manage-clients");
        String other = api.createRealm("onboard-foreign");
        api.grantRealmManagementRole(other, api.createUser(other, "foreign-admin", true, PASSWORD), "realm-admin");
        String path = realm.path("/nhi-guard/onboard?dryRun=");

        String viewer = token(api, realm.name(), "realm-viewer");
        HttpResponse<String> asked = api.sendJson("POST", path + "true", Map.of(), viewer);
        assertEquals(200, asked.statusCode(), "view-realm may ask what would be added");
        assertTrue(parse(asked.body()).has("added"), asked.body());
        assertFalse(parse(asked.body()).has("readiness"), "readiness names clients, which view-realm does not see: " + asked.body());
        assertEquals(403, api.sendJson("POST", path + "false", Map.of(), viewer).statusCode(), "view-realm may not add it");
        String clients = token(api, realm.name(), "client-manager");
        assertEquals(403, api.sendJson("POST", path + "true", Map.of(), clients).statusCode(), "manage-clients does not see the policies");
        assertEquals(403, api.sendJson("POST", path + "false", Map.of(), clients).statusCode());
        assertEquals(403, api.sendJson("POST", path + "false", Map.of(), token(api, realm.name(), "alice")).statusCode(),
                "an owner of machine identities is no realm admin");
        int foreign = api.sendJson("POST", path + "false", Map.of(), token(api, other, "foreign-admin")).statusCode();
        assertTrue(foreign == 401 || foreign == 403, "another realm's admin: " + foreign);
        assertEquals(401, api.sendJson("POST", path + "false", Map.of(), "not-a-token").statusCode());
        HttpResponse<String> get = api.get(realm.path("/nhi-guard/onboard?dryRun=false"));
        assertEquals(405, get.statusCode(), "a GET changes nothing: " + get.body());
        assertEquals(0, policies(api, realm).size(), "none of them added anything");
    }

    private static String token(AdminApi api, String realm, String username) {
        return api.passwordGrant(realm, "admin-cli", username, PASSWORD).get("access_token").asText();
    }
}
