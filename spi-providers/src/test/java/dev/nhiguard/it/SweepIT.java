package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.actions;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expiry sweep on a real server: what a forecast names for each rule, what report mode leaves alone, and what
 * disable and disable-then-delete do to a client and to the tokens it already holds.
 */
@ExtendWith(KeycloakServerExtension.class)
class SweepIT {

    private static final String API = "payments-api";
    private static final String API_SECRET = "payments-api-introspection-secret";

    private AdminApi api;
    private LifecycleApi lifecycle;
    private GovernedRealm realm;

    @BeforeEach
    void governedRealm(AdminApi api) {
        this.api = api;
        this.lifecycle = new LifecycleApi(api);
        this.realm = GovernedRealm.create(api, "sweep");
        lifecycle.createResourceServer(realm.name(), API, API_SECRET);
    }

    private void client(String clientId, Map<String, String> attributes) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        attributes.forEach(((ObjectNode) client.get("attributes"))::put);
        expect(201, api.post(realm.path("/clients"), client));
    }

    private String token(String clientId) {
        return lifecycle.token(realm.name(), clientId, "s3cret-" + clientId, "payments:read");
    }

    @Test
    void aForecastNamesTheClientsEachRuleWillCatchAndOnWhichDay() {
        LocalDate today = today();
        client("current-bot", Map.of());
        client("review-bot", Map.of("nhi.review-by", today.plusDays(5).toString()));
        client("disabled-owner-bot", Map.of("nhi.owner", "carol"));
        client("unowned-bot", Map.of("nhi.owner", ""));
        client("exempt-bot", Map.of("nhi.review-by", today.plusDays(5).toString(),
                "nhi.expiry-exempt-until", today.plusDays(30).toString(), "nhi.expiry-exempt-reason", "quarter-end batch, see CHG-1"));
        for (String used : List.of("current-bot", "review-bot", "disabled-owner-bot", "unowned-bot", "exempt-bot")) {
            token(used);
        }
        client("idle-bot", Map.of());
        api.flushUsage(realm.name());

        JsonNode now = lifecycle.dryRun(realm.name());
        assertEquals(List.of(), actions(now), "nothing is due on the first day: every grace period is running");
        assertEquals(6, now.get("examined").asInt(), "the six service-account clients; the resource server has none " + now);

        // default grace periods: owner 14 days, review 14 days after the review date, unused 90 days
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today.plusDays(13))));
        assertEquals(List.of("disabled-owner-bot:report:OWNER_GONE", "unowned-bot:report:OWNER_GONE"),
                actions(lifecycle.forecast(realm.name(), today.plusDays(14))));
        assertEquals(List.of("disabled-owner-bot:report:OWNER_GONE", "exempt-bot:exempt:REVIEW_OVERDUE",
                        "review-bot:report:REVIEW_OVERDUE", "unowned-bot:report:OWNER_GONE"),
                actions(lifecycle.forecast(realm.name(), today.plusDays(20))), "the exemption holds while its date lasts");
        assertEquals(List.of("disabled-owner-bot:report:OWNER_GONE", "exempt-bot:report:REVIEW_OVERDUE",
                        "review-bot:report:REVIEW_OVERDUE", "unowned-bot:report:OWNER_GONE"),
                actions(lifecycle.forecast(realm.name(), today.plusDays(31))), "and ends the day after");

        JsonNode unused = lifecycle.forecast(realm.name(), today.plusDays(91));
        assertTrue(actions(unused).contains("idle-bot:report:UNUSED"), "never used: counted from its creation " + unused);
        assertTrue(actions(unused).contains("current-bot:report:UNUSED"), "used today, unused 91 days later " + unused);
        assertFalse(actions(lifecycle.forecast(realm.name(), today.plusDays(90))).contains("idle-bot:report:UNUSED"),
                "90 days unused is the limit, not past it");
    }

    @Test
    void reportModeNamesWhatIsDueAndChangesNothing() {
        client("overdue-bot", Map.of("nhi.review-by", today().minusDays(15).toString()));
        String before = token("overdue-bot");

        JsonNode sweep = lifecycle.sweep(realm.name());

        assertEquals("report", sweep.get("mode").asText());
        assertEquals(List.of("overdue-bot:report:REVIEW_OVERDUE"), actions(sweep));
        assertFalse(sweep.get("actions").get(0).get("applied").asBoolean());
        assertTrue(api.client(realm.name(), "overdue-bot").get("enabled").asBoolean());
        assertTrue(lifecycle.introspect(realm.name(), API, API_SECRET, before).get("active").asBoolean());
        token("overdue-bot");
        assertEquals(0, lifecycle.audit(realm.name()).size(), "nothing was done, so nothing is audited");
    }

    @Test
    void disableModeDisablesTheClientAndRevokesTheTokensItHolds() {
        realm.withRealmSettings(Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true));
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        client("overdue-bot", Map.of("nhi.review-by", today().minusDays(1).toString()));
        client("current-bot", Map.of());
        String overdueToken = token("overdue-bot");
        String currentToken = token("current-bot");
        assertTrue(lifecycle.introspect(realm.name(), API, API_SECRET, overdueToken).get("active").asBoolean());

        JsonNode dryRun = lifecycle.dryRun(realm.name());
        assertEquals(List.of("overdue-bot:disable:REVIEW_OVERDUE"), actions(dryRun));
        assertTrue(api.client(realm.name(), "overdue-bot").get("enabled").asBoolean(), "a dry run changes nothing");

        JsonNode sweep = lifecycle.sweep(realm.name());

        assertEquals(List.of("overdue-bot:disable:REVIEW_OVERDUE"), actions(sweep));
        assertTrue(sweep.get("actions").get(0).get("applied").asBoolean());
        assertFalse(api.client(realm.name(), "overdue-bot").get("enabled").asBoolean());
        assertFalse(lifecycle.introspect(realm.name(), API, API_SECRET, overdueToken).get("active").asBoolean(),
                "the token issued before the sweep is rejected at once");
        assertTrue(lifecycle.introspect(realm.name(), API, API_SECRET, currentToken).get("active").asBoolean(),
                "other clients' tokens stay valid");
        HttpResponse<String> refused = api.clientCredentials(realm.name(), "overdue-bot", "s3cret-overdue-bot", "payments:read");
        assertTrue(refused.statusCode() == 400 || refused.statusCode() == 401, refused.body());

        String uuid = api.clientUuid(realm.name(), "overdue-bot");
        JsonNode audit = lifecycle.audit(realm.name(), "overdue-bot");
        assertEquals(1, audit.size(), audit.toString());
        JsonNode record = audit.get(0);
        assertEquals("disable", record.get("action").asText());
        assertEquals("REVIEW_OVERDUE", record.get("rule").asText());
        assertEquals(uuid, record.get("clientUuid").asText());
        assertEquals("admin@master", record.get("actor").asText(), "the admin who ran the sweep, as an auditor reads it");
        assertTrue(record.get("before").get("enabled").asBoolean());
        assertFalse(record.get("after").get("enabled").asBoolean());
        assertTrue(record.get("after").get("notBefore").asLong() > 0, "the revocation is in the record: " + record);

        JsonNode events = parse(expect(200, api.get(realm.path("/admin-events?resourceTypes=CLIENT&operationTypes=UPDATE"))).body());
        assertTrue(events.toString().contains("clients/" + uuid), "Keycloak's admin events show the disabling: " + events);

        assertEquals(List.of(), actions(lifecycle.sweep(realm.name())), "a second sweep finds nothing left to do");
        assertEquals(1, lifecycle.audit(realm.name(), "overdue-bot").size(), "and writes no second record");

        ObjectNode enabledAgain = (ObjectNode) api.client(realm.name(), "overdue-bot");
        enabledAgain.put("enabled", true);
        expect(204, api.put(realm.path("/clients/" + uuid), enabledAgain));
        assertFalse(lifecycle.introspect(realm.name(), API, API_SECRET, overdueToken).get("active").asBoolean(),
                "enabling the client again does not bring back the tokens it held (its not-before stays)");
        expect(200, api.clientCredentials(realm.name(), "overdue-bot", "s3cret-overdue-bot", "payments:read"));
    }

    @Test
    void disableThenDeleteDeletesOnlyAfterItsDelayAndNotOnceTheClientIsBackInService() {
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable-then-delete", "reviewGraceDays", 0, "deleteAfterDays", 30));
        client("overdue-bot", Map.of("nhi.review-by", today().minusDays(1).toString()));

        assertEquals(List.of("overdue-bot:disable:REVIEW_OVERDUE"), actions(lifecycle.sweep(realm.name())));

        assertEquals(List.of(), actions(lifecycle.sweep(realm.name())), "disabled today, deleted no earlier than in 30 days");
        assertTrue(api.clientExists(realm.name(), "overdue-bot"));
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(29))));
        assertEquals(List.of("overdue-bot:delete"), actions(lifecycle.forecast(realm.name(), today().plusDays(30))));

        ObjectNode enabledAgain = (ObjectNode) api.client(realm.name(), "overdue-bot");
        enabledAgain.put("enabled", true);
        ((ObjectNode) enabledAgain.get("attributes")).put("nhi.review-by", today().plusDays(60).toString());
        expect(204, api.put(realm.path("/clients/" + enabledAgain.get("id").asText()), enabledAgain));
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(30))),
                "an admin who enables the client again after its review stops the deletion clock");
    }

    @Test
    void anExemptionPastTheYearLimitProtectsNothing() {
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        client("forever-bot", Map.of("nhi.review-by", today().minusDays(1).toString(),
                "nhi.expiry-exempt-until", today().plusDays(400).toString(), "nhi.expiry-exempt-reason", "never expire me"));
        client("held-bot", Map.of("nhi.review-by", today().minusDays(1).toString(),
                "nhi.expiry-exempt-until", today().plusDays(365).toString(), "nhi.expiry-exempt-reason", "audit hold, see CHG-2"));
        client("reasonless-bot", Map.of("nhi.review-by", today().minusDays(1).toString(),
                "nhi.expiry-exempt-until", today().plusDays(10).toString()));

        assertEquals(List.of("forever-bot:disable:REVIEW_OVERDUE", "held-bot:exempt:REVIEW_OVERDUE", "reasonless-bot:disable:REVIEW_OVERDUE"),
                actions(lifecycle.sweep(realm.name())));
        assertTrue(api.client(realm.name(), "held-bot").get("enabled").asBoolean());
        assertTrue(realm.inventoryEntry("forever-bot").get("findings").toString().contains("INVALID_EXEMPTION"));
    }

    /**
     * Stored past the policies (partial import), exemptions whose reason is invisible or not text: the inventory calls
     * them INVALID_EXEMPTION, and the sweep, judging with the same rule, does not honour them. Without the one rule the
     * sweep kept these clients enabled as exempt.
     */
    @Test
    void anExemptionTheInventoryCallsInvalidIsNotHonouredByTheSweep() {
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        Map<String, String> reasons = Map.of("zero-width-bot", "\u200b", "nul-bot", "a\u0000", "bidi-bot", "hold\u202e",
                "nbsp-bot", "\u00a0", "braille-bot", "\u2800", "filler-bot", "\u3164");
        reasons.forEach((clientId, reason) -> {
            ObjectNode client = GovernedRealm.compliantClient(clientId);
            ((ObjectNode) client.get("attributes")).put("nhi.review-by", today().minusDays(1).toString())
                    .put("nhi.expiry-exempt-until", today().plusDays(30).toString()).put("nhi.expiry-exempt-reason", reason);
            expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
        });
        for (String clientId : reasons.keySet()) {
            assertTrue(realm.inventoryEntry(clientId).get("findings").toString().contains("INVALID_EXEMPTION"), clientId);
        }
        assertEquals(List.of("bidi-bot:disable:REVIEW_OVERDUE", "braille-bot:disable:REVIEW_OVERDUE", "filler-bot:disable:REVIEW_OVERDUE",
                        "nbsp-bot:disable:REVIEW_OVERDUE", "nul-bot:disable:REVIEW_OVERDUE", "zero-width-bot:disable:REVIEW_OVERDUE"),
                actions(lifecycle.sweep(realm.name())));
        for (String clientId : reasons.keySet()) {
            assertFalse(api.client(realm.name(), clientId).get("enabled").asBoolean(), clientId + " retired");
        }
    }
}
