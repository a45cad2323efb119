package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input that Keycloak or a lenient reader would answer with a 500, or read in some way of its own: each is a 400 that
 * names the field or option, and nothing is changed.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private AdminApi api;
    private GovernedRealm realm;
    private LifecycleApi lifecycle;

    @BeforeAll
    void realm(AdminApi api) {
        this.api = api;
        this.lifecycle = new LifecycleApi(api);
        realm = GovernedRealm.create(api, "bad-input").withDemoPolicies();
        for (String clientId : List.of("input-bot", "utf-bot", "comment-bot")) {
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient(clientId)));
        }
    }

    private static String description(HttpResponse<String> response) {
        JsonNode body = parse(response.body());
        return body.has("error_description") ? body.get("error_description").asText() : body.path("errorMessage").asText(body.toString());
    }

    private void assertRefused(HttpResponse<String> response, String... fragments) {
        assertEquals(400, response.statusCode(), response.body());
        String description = description(response);
        for (String fragment : fragments) {
            assertTrue(description.contains(fragment), "'" + fragment + "' in: " + description);
        }
        assertFalse(description.contains("Exception") || description.contains("com.fasterxml") || description.contains("Cannot parse"),
                "no internals: " + description);
    }

    // ---- executor and condition options ----

    /** Without the pack's reader: 500 "Cannot parse the JSON" for a wrong type, and a misspelt name stored silently. */
    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "nhi-owner-required  | enforce-on-token-request | \"no\"     | must be true or false",
            "nhi-owner-required  | max-review-days          | [365]      | must be a whole number",
            "nhi-owner-required  | max-review-dayz          | 365        | not an option; the options are enforce-on-token-request, max-review-days, mode, review-date-required",
            "nhi-scope-narrowing | max-token-lifespan       | \"300s\"   | must be a whole number",
            "nhi-scope-narrowing | max-token-lifespan       | 300.5      | must be a whole number",
            "nhi-scope-narrowing | allowed-default-scopes   | \"basic\"  | must be a list of texts",
            "nhi-scope-narrowing | separators               | [\":\"]    | must be text",
            "nhi-mtls-binding    | auto-configure           | 1          | must be true or false",
            "nhi-mtls-binding    | allowed-auth-method      | []         | not an option",
    })
    void anExecutorOptionOfTheWrongTypeOrNameIsRefusedNamingIt(String executor, String option, String json, String reason) throws Exception {
        String before = expect(200, api.get(realm.path("/client-policies/profiles"))).body();
        ObjectNode profiles = AdminApi.JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject().put("name", "typed");
        profile.putArray("executors").addObject().put("executor", executor).putObject("configuration")
                .set(option, AdminApi.JSON.readTree(json));
        assertRefused(api.put(realm.path("/client-policies/profiles"), profiles), executor + ": ", option + ": " + reason);
        assertEquals(before, expect(200, api.get(realm.path("/client-policies/profiles"))).body(), "nothing changed");
    }

    @Test
    void theOptionsThatKeycloaksConsoleSendsAsTextAreTaken() {
        String plain = api.createRealm("text-options");
        expect(204, api.saveProfile(plain, "nhi-owner-required", Map.of("max-review-days", "180", "enforce-on-token-request", "true")));
        expect(204, api.saveProfile(plain, "nhi-scope-narrowing", Map.of("max-scopes", "3", "allowed-default-scopes", List.of("basic"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"tiers\": \"critical\"}", "{\"tierz\": [\"critical\"]}", "{\"is-negative-logic\": \"yes\"}"})
    void aConditionOptionOfTheWrongTypeOrNameIsRefusedNamingIt(String configuration) throws Exception {
        String before = expect(200, api.get(realm.path("/client-policies/policies"))).body();
        ObjectNode policies = AdminApi.JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", "typed").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "nhi-attributes").set("configuration", AdminApi.JSON.readTree(configuration));
        policy.putArray("profiles");
        HttpResponse<String> response = api.put(realm.path("/client-policies/policies"), policies);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("nhi-attributes: "), response.body());
        assertEquals(before, expect(200, api.get(realm.path("/client-policies/policies"))).body(), "nothing changed");
    }

    // ---- the pack's own bodies ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"mode\": \"report\", \"mode\": \"disable\"}                 | field 'mode' appears more than once",
            "{\"mode\": \"report\"} {\"mode\": \"disable\"}                | there is content after the JSON value",
            "{\"mode\": \"report\"                                        | it is not valid JSON",
    })
    void aSettingsBodyIsReadOneWayOnly(String body, String reason) {
        JsonNode before = lifecycle.settings(realm.name());
        HttpResponse<String> response = api.sendRaw("PUT", realm.path("/nhi-guard/settings"), "application/json",
                body.getBytes(StandardCharsets.UTF_8), api.adminToken());
        assertRefused(response, reason);
        assertEquals(before, lifecycle.settings(realm.name()), "nothing changed");
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedNotStoredWithReplacementCharacters() {
        String uuid = api.clientUuid(realm.name(), "utf-bot");
        byte[] latin1 = "{\"decision\": \"attest\", \"comment\": \"geprüft\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(api.sendRaw("POST", realm.path("/nhi-guard/clients/" + uuid + "/reviews"), "application/json", latin1, api.adminToken()),
                "the body is not valid UTF-8");
        assertRefused(api.sendRaw("POST", realm.path("/nhi-guard/clients/" + uuid + "/reviews"), "application/json; charset=ISO-8859-1",
                latin1, api.adminToken()), "the body must be UTF-8, not 'ISO-8859-1'");
        assertEquals(0, new ReviewApi(api, realm.name()).historyOf(uuid).size(), "no review stored");
    }

    @Test
    void aCommentIsTextAndKeepsItsAngleBracketsButNoTab() {
        String uuid = api.clientUuid(realm.name(), "comment-bot");
        ReviewApi reviews = new ReviewApi(api, realm.name());
        assertRefused(reviews.decide(api.adminToken(), uuid, "attest", "still\tneeded"), "comment: control or invisible characters");
        expect(201, reviews.decide(api.adminToken(), uuid, "attest", "rate < 5 per hour & <b>no</b> more"));
        assertEquals("rate < 5 per hour & <b>no</b> more", reviews.historyOf(uuid).get(0).get("comment").asText(), "stored as written");
    }

    /** Found by the third attack: a decision of the wrong type read as '', and a refused newOwner reported missing too. */
    @Test
    void aReviewNamesWhatIsWrongOnlyOnce() {
        String uuid = api.clientUuid(realm.name(), "comment-bot");
        ReviewApi reviews = new ReviewApi(api, realm.name());
        HttpResponse<String> array = reviews.review(api.adminToken(), uuid, "{\"decision\": [\"attest\"]}");
        assertRefused(array, "decision: must be text");
        HttpResponse<String> invisible = reviews.review(api.adminToken(), uuid, Map.of("decision", "reassign", "newOwner", "bob\u200b"));
        assertRefused(invisible, "newOwner: control or invisible characters");
        assertFalse(description(invisible).contains("newOwner: required"), description(invisible));
    }

    // ---- query parameters ----

    /** Without the one parser: a real sweep ran for an empty or a repeated dryRun, and for none. */
    @ParameterizedTest(name = "sweep?{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "dryRun=                     | dryRun ''",
            "dryRun=false&dryRun=true    | dryRun: sent more than once",
            "dryRun=true&dryRun=false    | dryRun: sent more than once",
            "dryRun=TRUE                 | dryRun 'TRUE'",
            "x=1                         | dryRun: required",
    })
    void aSweepRunsOnlyOnAnExplicitUnambiguousRequest(String query, String reason) {
        expect(200, api.put(realm.path("/nhi-guard/settings"), Map.of("mode", "disable", "reviewGraceDays", 0)));
        ObjectNode due = GovernedRealm.compliantClient("due-bot-" + Math.abs(query.hashCode()));
        ((ObjectNode) due.get("attributes")).put("nhi.review-by", LifecycleApi.today().minusDays(1).toString());
        expect(200, api.partialImport(realm.name(), "OVERWRITE", due));
        assertFalse(LifecycleApi.actions(lifecycle.dryRun(realm.name())).isEmpty(), "a real sweep would retire something");
        int audited = lifecycle.audit(realm.name()).size();
        assertRefused(api.post(realm.path("/nhi-guard/sweep?" + query), Map.of()), reason);
        assertEquals(audited, lifecycle.audit(realm.name()).size(), "nothing retired");
        expect(200, api.put(realm.path("/nhi-guard/settings"), Map.of("mode", "report")));
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource({
            "audit, max=abc", "audit, max=1e2", "audit, first=99999999999", "audit, max=+5", "audit, first=-1", "audit, max=1&max=2",
            "inventory, max=1e2", "inventory, first=+1", "inventory, max=%D9%A3", "inventory, finding=NO_OWNER&finding=STALE",
            "reviews, max=abc", "reviews, state=all&state=due",
    })
    void pagingAndFiltersAreReadOneWayEverywhere(String endpoint, String query) {
        HttpResponse<String> response = api.get(realm.path("/nhi-guard/" + endpoint + "?" + query));
        assertEquals(400, response.statusCode(), response.body());
        String description = description(response);
        String named = query.substring(0, query.indexOf('='));
        assertTrue(description.startsWith(named), named + " named in: " + description);
    }

    @Test
    void aReviewHistoryPageIsReadTheSameWay() {
        String uuid = api.clientUuid(realm.name(), "input-bot");
        for (String query : List.of("max=abc", "first=1e2", "max=0")) {
            HttpResponse<String> response = api.get(realm.path("/nhi-guard/clients/" + uuid + "/reviews?" + query));
            assertEquals(400, response.statusCode(), query + ": " + response.body());
        }
    }
}
