package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.IdentityContextRecords;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.IdentityContextRecords.nhi;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching the pack on in a living realm: legacy clients stay editable, report-only refuses nothing and records what
 * it would have refused, and the readiness view shows each policy's blast radius before it enforces.
 */
@ExtendWith(KeycloakServerExtension.class)
class RolloutIT {

    private static final String WARNING = "NHI-Guard-Warning";

    @Test
    void theDemoRealmsLegacyClientsCanBeEditedWhileTheirOlderProblemsStay(AdminApi api) {
        Map<String, String> stillFailing = Map.of(
                "legacy-reporter", "disabled user",
                "stale-etl", "in the past",
                "ops-automation", "fullScopeAllowed");
        stillFailing.forEach((clientId, problem) -> {
            ObjectNode stored = (ObjectNode) api.client("nhi-demo", clientId);
            String description = stored.path("description").asText();
            stored.put("description", description + " (edited by RolloutIT)");
            HttpResponse<String> saved = expect(204, api.put("/admin/realms/nhi-demo/clients/" + stored.get("id").asText(), stored));
            String warning = saved.headers().firstValue(WARNING).orElse("");
            assertTrue(warning.contains(problem), clientId + ": the answer says what still fails: " + warning);
            assertEquals(description + " (edited by RolloutIT)", api.client("nhi-demo", clientId).get("description").asText());
        });
        for (String clientId : List.of("legacy-reporter", "ops-automation")) {
            ObjectNode stored = (ObjectNode) api.client("nhi-demo", clientId);
            LocalDate reviewBy = LocalDate.parse(stored.get("attributes").get("nhi.review-by").asText());
            ((ObjectNode) stored.get("attributes")).put("nhi.review-by", reviewBy.minusDays(1).toString());
            expect(204, api.put("/admin/realms/nhi-demo/clients/" + stored.get("id").asText(), stored));
            assertEquals(reviewBy.minusDays(1).toString(), api.client("nhi-demo", clientId).get("attributes").get("nhi.review-by").asText());
        }
        // the token endpoint refuses them as before: an editable client is not a compliant one
        // (a scope each holds, so that the refusal is the pack's and not Keycloak's for an unknown scope). Both came in with
        // the demo realm's import, which no client policy sees: their disabled owner and overdue review are judged as a
        // create judges them, not left to the expiry lifecycle (MachineIdentityTransitionsIT)
        assertOAuthError(api.clientCredentials("nhi-demo", "legacy-reporter", "legacy-reporter-secret", "basic"), 400, "unauthorized_client",
                "nhi.owner: owner disabled (OWNER_DISABLED)");
        assertOAuthError(api.clientCredentials("nhi-demo", "stale-etl", "stale-etl-secret", "basic"), 400, "unauthorized_client",
                "nhi.review-by: review overdue (REVIEW_OVERDUE)");
        HttpResponse<String> ops = api.clientCredentials("nhi-demo", "ops-automation", "ops-automation-secret", "basic");
        assertEquals(400, ops.statusCode(), ops.body());
        assertTrue(ops.body().contains("fullScopeAllowed"), ops.body());
    }

    @Test
    void anEditMayFixOneOfThreeProblemsButNotAddOne(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "rollout-edit").withDemoPolicies();
        ObjectNode legacy = GovernedRealm.compliantClient("legacy-bot");
        legacy.put("fullScopeAllowed", true);
        ((ObjectNode) legacy.get("attributes")).put("access.token.header.type.rfc9068", "false").put("access.token.lifespan", "3600");
        legacy.putArray("defaultClientScopes").add("basic").add("service_account").add("email");
        // as an older realm holds it: brought in past the client save, by partial import
        expect(200, api.partialImport(realm.name(), "SKIP", legacy));

        ObjectNode fixOne = realm.storedWith("legacy-bot", Map.of());
        fixOne.put("fullScopeAllowed", false);
        HttpResponse<String> saved = expect(204, api.put(realm.path("/clients/" + fixOne.get("id").asText()), fixOne));
        String warning = saved.headers().firstValue(WARNING).orElseThrow();
        assertTrue(warning.contains("access.token.header.type.rfc9068") && warning.contains("defaultClientScopes"), warning);
        assertFalse(warning.contains("fullScopeAllowed"), "fixed: " + warning);
        assertFalse(api.client(realm.name(), "legacy-bot").get("fullScopeAllowed").asBoolean());

        ObjectNode addOne = realm.storedWith("legacy-bot", Map.of("nhi.review-by", "2020-01-01"));
        HttpResponse<String> refused = expect(400, api.put(realm.path("/clients/" + addOne.get("id").asText()), addOne));
        String description = parse(refused.body()).get("error_description").asText();
        assertEquals("nhi.review-by: review date 2020-01-01 is in the past", description, "only what the edit breaks anew");
        assertFalse(api.client(realm.name(), "legacy-bot").get("attributes").get("nhi.review-by").asText().equals("2020-01-01"),
                "nothing half-written stays behind");

        // a failing value changed to another failing value is a change the edit makes, not an older problem
        ObjectNode stillOlder = realm.storedWith("legacy-bot", Map.of("access.token.lifespan", "7200"));
        String both = parse(expect(400, api.put(realm.path("/clients/" + stillOlder.get("id").asText()), stillOlder)).body())
                .get("error_description").asText();
        assertTrue(both.startsWith("access.token.lifespan: "), both);
        assertTrue(both.contains("what the client broke before may stay for now: ") && both.contains("access.token.header.type.rfc9068"), both);
        assertEquals("3600", api.client(realm.name(), "legacy-bot").get("attributes").get("access.token.lifespan").asText());

        ObjectNode worsen = realm.storedWith("legacy-bot", Map.of());
        worsen.put("fullScopeAllowed", true);
        assertSaveRefused(api.put(realm.path("/clients/" + worsen.get("id").asText()), worsen), "fullScopeAllowed");
        assertFalse(api.client(realm.name(), "legacy-bot").get("fullScopeAllowed").asBoolean(), "a fixed problem cannot come back");
    }

    @Test
    void reportOnlyIssuesTheTokenAndRecordsTheRefusalEnforceWouldMake(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "rollout-report").withPolicies(Map.of("nhi-scope-narrowing",
                Map.of("mode", "report-only")));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("report-bot")));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());

        String reportOnlyAgent = "rollout-it/" + UUID.randomUUID();
        HttpResponse<String> granted = api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials",
                "client_id", "report-bot", "client_secret", "s3cret-report-bot"), reportOnlyAgent);
        assertEquals(200, granted.statusCode(), "no scope asked for: report-only lets it through: " + granted.body());
        JsonNode wouldRefuse = records.awaitUserAgent(reportOnlyAgent);
        assertEquals("would-refuse", nhi(wouldRefuse).get("decision").asText(), wouldRefuse.toString());
        assertEquals(List.of(), dev.nhiguard.telemetry.OcsfCheck.problems(wouldRefuse), wouldRefuse.toString());
        assertEquals("nhi-scope-narrowing", nhi(wouldRefuse).get("rule").asText());
        assertTrue(wouldRefuse.get("status_detail").asText().contains("scope"), wouldRefuse.toString());
        assertEquals(1, wouldRefuse.get("status_id").asInt(), "the token was issued");

        GovernedRealm.putPolicies(api, realm.name(), Map.of("nhi-scope-narrowing", Map.of("mode", "enforce")));
        String enforceAgent = "rollout-it/" + UUID.randomUUID();
        HttpResponse<String> refused = api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials",
                "client_id", "report-bot", "client_secret", "s3cret-report-bot"), enforceAgent);
        assertOAuthError(refused, 400, "invalid_scope", "scope: this client must name the scopes it needs in the scope parameter");
        JsonNode enforced = records.awaitUserAgent(enforceAgent);
        assertEquals("refused", nhi(enforced).get("decision").asText(), enforced.toString());
        assertEquals("nhi-scope-narrowing", nhi(enforced).get("rule").asText());
        assertEquals(2, enforced.get("status_id").asInt());
        assertEquals(parse(refused.body()).get("error_description").asText(), enforced.get("status_detail").asText());

        JsonNode rule = readinessRule(api, realm.name(), "nhi-scope-narrowing");
        assertEquals("enforce", rule.get("mode").asText());
        assertEquals(1, rule.get("requestsWouldRefuse").asLong(), rule.toString());
        assertEquals(1, rule.get("requestsRefused").asLong(), rule.toString());
        assertEquals("report-bot", rule.get("requests").get(0).get("clientId").asText());
    }

    @Test
    void reportOnlySavesWhatEnforceRefusesAndRecordsIt(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "rollout-save").withPolicies(Map.of("nhi-owner-required",
                Map.of("mode", "report-only")));
        ObjectNode unowned = AdminApi.serviceAccountClient("unowned-bot", Map.of("nhi.purpose", "Nightly export"));
        expect(201, api.post(realm.path("/clients"), unowned));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        JsonNode saved = dev.nhiguard.testsupport.Poll.until("the would-be refusal of the save", java.time.Duration.ofSeconds(20), () ->
                records.matching(r -> "unowned-bot".equals(nhi(r).path("client_id").asText()) && r.get("class_uid").asInt() == 3004)
                        .stream().findFirst());
        assertEquals("would-refuse", nhi(saved).get("decision").asText());
        assertEquals(java.util.List.of(), dev.nhiguard.telemetry.OcsfCheck.problems(saved), saved.toString());
        assertEquals("nhi-owner-required", nhi(saved).get("rule").asText());
        assertEquals(1, saved.get("activity_id").asInt(), "a creation: " + saved);
        assertTrue(saved.get("status_detail").asText().contains("nhi.owner"), saved.toString());

        GovernedRealm.putPolicies(api, realm.name(), Map.of("nhi-owner-required", Map.of()));
        assertSaveRefused(api.post(realm.path("/clients"), AdminApi.serviceAccountClient("unowned-bot-2", Map.of("nhi.purpose", "Nightly export"))),
                "nhi.owner");
        assertFalse(api.clientExists(realm.name(), "unowned-bot-2"));
    }

    @Test
    void theReadinessViewShowsWhoEachDemoPolicyWouldRefuse(AdminApi api) {
        JsonNode owner = readinessRule(api, "nhi-demo", "nhi-owner-required");
        List<String> atToken = clientIds(owner.get("refusedAtTokenTime"));
        assertTrue(atToken.contains("orphan-batch"), "no owner at all: no token: " + owner);
        assertTrue(clientIds(owner.get("refusedAtSave")).containsAll(List.of("legacy-reporter", "stale-etl", "orphan-batch")), owner.toString());
        assertFalse(atToken.contains("payments-reporter") || clientIds(owner.get("refusedAtSave")).contains("payments-reporter"), owner.toString());
        JsonNode legacy = owner.get("refusedAtSave").findParents("clientId").stream()
                .filter(v -> v.get("clientId").asText().equals("legacy-reporter")).findFirst().orElseThrow();
        assertEquals("[\"OWNER_DISABLED\"]", legacy.get("findings").toString());

        JsonNode scope = readinessRule(api, "nhi-demo", "nhi-scope-narrowing");
        assertTrue(clientIds(scope.get("refusedAtSave")).contains("ops-automation"), scope.toString());
        assertEquals("nhi-machine-identities", scope.get("policy").asText());
        assertTrue(scope.get("clientsGoverned").asInt() >= 7, scope.toString());
    }

    @Test
    void readinessIsForAdminsWhoSeeTheRealmsPoliciesAndTakesADayCount(AdminApi api) {
        String auditor = api.passwordGrant("nhi-demo", "admin-cli", "auditor", "auditor-demo-password").get("access_token").asText();
        assertEquals(403, api.getAs("/admin/realms/nhi-demo/nhi-guard/readiness", auditor).statusCode(),
                "view-clients without view-realm: the policies are not the auditor's to read");
        assertEquals(401, api.getAs("/admin/realms/nhi-demo/nhi-guard/readiness", "not-a-token").statusCode());
        for (String days : List.of("0", "91", "seven", "-1", "")) {
            HttpResponse<String> bad = expect(400, api.get("/admin/realms/nhi-demo/nhi-guard/readiness?days=" + days));
            assertTrue(bad.body().contains("days"), bad.body());
        }
        assertAdminError(api.get("/admin/realms/nhi-demo/nhi-guard/readiness?days=1&days=2"), 400, "days: sent more than once");
        assertEquals(30, parse(expect(200, api.get("/admin/realms/nhi-demo/nhi-guard/readiness?days=30")).body()).get("days").asInt());
    }

    @Test
    void aModeOtherThanEnforceOrReportOnlyIsRefusedNamingTheOption(AdminApi api) {
        String realm = api.createRealm("rollout-mode");
        HttpResponse<String> refused = api.saveProfile(realm, "nhi-scope-narrowing", Map.of("mode", "audit"));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("mode: must be one or more of enforce, report-only"), refused.body());
        HttpResponse<String> notText = api.saveProfile(realm, "nhi-owner-required", Map.of("mode", true));
        assertEquals(400, notText.statusCode(), notText.body());
        assertTrue(notText.body().contains("mode"), notText.body());
    }

    /**
     * Found by the fourth attack: the counts of a rule were added up across every policy holding it, so a policy
     * showed requests of clients it does not select; and nhi-anomaly-block, refusing tokens, was missing.
     */
    @Test
    void eachPolicyCountsOnlyTheClientsItSelectsAndTheAnomalyBlockIsListed(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "rollout-two");
        ObjectNode profiles = JSON.createObjectNode();
        profiles.putArray("profiles")
                .add(profile("scope-enforce", "nhi-scope-narrowing", Map.of()))
                .add(profile("scope-report", "nhi-scope-narrowing", Map.of("mode", "report-only")))
                .add(profile("block", "nhi-anomaly-block", Map.of()));
        ObjectNode policies = JSON.createObjectNode();
        policies.putArray("policies")
                .add(policy("prod-policy", "scope-enforce", "prod"))
                .add(policy("lab-policy", "scope-report", "lab"))
                .add(policy("block-policy", "block", null));
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        expect(204, api.put(realm.path("/client-policies/policies"), policies));
        for (String env : List.of("prod", "lab")) {
            ObjectNode client = GovernedRealm.compliantClient(env + "-bot");
            ((ObjectNode) client.get("attributes")).put("nhi.environment", env);
            expect(201, api.post(realm.path("/clients"), client));
        }
        Map<String, String> noScope = Map.of("grant_type", "client_credentials", "client_id", "prod-bot", "client_secret", "s3cret-prod-bot");
        // enforced in prod
        assertOAuthError(api.tokenRequest(realm.name(), noScope, "rollout-it/" + UUID.randomUUID()), 400, "invalid_scope",
                "scope: this client must name the scopes it needs");
        assertEquals(200, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "lab-bot",
                "client_secret", "s3cret-lab-bot"), "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0").statusCode(),
                "reported in the lab, and a browser: HUMAN_USE");

        JsonNode report = parse(expect(200, api.get(realm.path("/nhi-guard/readiness?days=1"))).body());
        JsonNode prod = rule(report, "prod-policy");
        assertEquals("[{\"clientId\":\"prod-bot\",\"refused\":1,\"wouldRefuse\":0}]", prod.get("requests").toString(), prod.toString());
        JsonNode lab = rule(report, "lab-policy");
        assertEquals("[{\"clientId\":\"lab-bot\",\"refused\":0,\"wouldRefuse\":1}]", lab.get("requests").toString(), lab.toString());
        JsonNode block = rule(report, "block-policy");
        assertEquals("nhi-anomaly-block", block.get("rule").asText());
        assertEquals("lab-bot", block.get("refusedAtTokenTime").get(0).get("clientId").asText(), block.toString());
        assertEquals("[\"HUMAN_USE\"]", block.get("refusedAtTokenTime").get(0).get("findings").toString());
        assertEquals(1, block.get("refusedAtTokenTime").size(), block.toString());
        // what the view lists is what the token endpoint does
        assertOAuthError(api.clientCredentials(realm.name(), "lab-bot", "s3cret-lab-bot", "payments:read"), 400, "unauthorized_client",
                "this machine identity has an open anomaly flag (HUMAN_USE)");
    }

    private static ObjectNode profile(String name, String executor, Map<String, Object> configuration) {
        ObjectNode profile = JSON.createObjectNode().put("name", name);
        profile.putArray("executors").addObject().put("executor", executor).set("configuration", JSON.valueToTree(configuration));
        return profile;
    }

    private static ObjectNode policy(String name, String profile, String environment) {
        ObjectNode policy = JSON.createObjectNode().put("name", name).put("enabled", true);
        ObjectNode condition = policy.putArray("conditions").addObject();
        if (environment == null) {
            condition.put("condition", "any-client").putObject("configuration");
        } else {
            condition.put("condition", "nhi-attributes").putObject("configuration").putArray("environments").add(environment);
        }
        policy.putArray("profiles").add(profile);
        return policy;
    }

    private static JsonNode rule(JsonNode report, String policy) {
        for (JsonNode r : report.get("rules")) {
            if (r.get("policy").asText().equals(policy)) {
                return r;
            }
        }
        throw new AssertionError("no " + policy + " in " + report);
    }

    private static JsonNode readinessRule(AdminApi api, String realm, String rule) {
        JsonNode report = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/readiness")).body());
        for (JsonNode r : report.get("rules")) {
            if (r.get("rule").asText().equals(rule)) {
                return r;
            }
        }
        throw new AssertionError("no " + rule + " in " + report);
    }

    private static List<String> clientIds(JsonNode verdicts) {
        List<String> ids = new java.util.ArrayList<>();
        verdicts.forEach(v -> ids.add(v.get("clientId").asText()));
        assertNotNull(JSON);
        return ids;
    }
}
