package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static dev.nhiguard.testsupport.ReviewApi.clientIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each review decision does to a machine identity, what the queue shows, and bad input refused with nothing stored. */
@ExtendWith(KeycloakServerExtension.class)
class ReviewsIT {

    private static final String API = "payments-api";
    private static final String API_SECRET = "payments-api-review-secret";

    private AdminApi api;
    private GovernedRealm realm;
    private ReviewApi reviews;
    private LifecycleApi lifecycle;
    private String alice;

    @BeforeEach
    void realmWithAnOwner(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "reviews").withPolicies(Map.of("nhi-owner-required", Map.of("max-review-days", 120)));
        reviews = new ReviewApi(api, realm.name());
        lifecycle = new LifecycleApi(api);
        api.createUser(realm.name(), "erin", true, GovernedRealm.PASSWORD);
        alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
    }

    /** Stored past the policy (as an import would), so that review dates in the past can be set up. */
    private String client(String clientId, String reviewBy) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.review-by", reviewBy);
        expect(200, api.partialImport(realm.name(), "FAIL", client));
        return api.clientUuid(realm.name(), clientId);
    }

    private String reviewBy(String clientId) {
        return api.client(realm.name(), clientId).get("attributes").get("nhi.review-by").asText();
    }

    @Test
    void attestMovesTheReviewDateByTheIntervalWithinThePolicysHorizon() {
        String uuid = client("ledger-bot", today().minusDays(3).toString());

        HttpResponse<String> attested = reviews.decide(alice, uuid, "attest", "still exports the ledger nightly");
        assertEquals(201, attested.statusCode(), attested.body());
        assertEquals(today().plusDays(90).toString(), reviewBy("ledger-bot"), "the realm's default interval: 90 days");

        lifecycle.putSettings(realm.name(), Map.of("reviewIntervalDays", 200));
        expect(201, reviews.decide(alice, uuid, "attest", null));
        assertEquals(today().plusDays(120).toString(), reviewBy("ledger-bot"), "no further than nhi-owner-required's max-review-days");

        JsonNode history = reviews.historyOf(uuid);
        assertEquals(2, history.size());
        JsonNode first = history.get(1);
        assertEquals("attest", first.get("decision").asText());
        assertEquals("alice@" + realm.name(), first.get("reviewer").asText());
        assertEquals("still exports the ledger nightly", first.get("comment").asText());
        assertEquals(today().minusDays(3).toString(), first.get("reviewByBefore").asText());
        assertEquals(today().plusDays(90).toString(), first.get("reviewByAfter").asText());
    }

    @Test
    void revokeDisablesTheClientAndItsTokensAtOnce() {
        lifecycle.createResourceServer(realm.name(), API, API_SECRET);
        String uuid = client("retired-bot", today().plusDays(5).toString());
        String token = lifecycle.token(realm.name(), "retired-bot", "s3cret-retired-bot", "payments:read");

        expect(201, reviews.decide(alice, uuid, "revoke", "the batch moved to the new platform"));

        assertFalse(api.client(realm.name(), "retired-bot").get("enabled").asBoolean());
        assertFalse(lifecycle.introspect(realm.name(), API, API_SECRET, token).get("active").asBoolean());
        JsonNode audit = lifecycle.audit(realm.name(), "retired-bot");
        assertEquals(1, audit.size());
        assertEquals("revoke", audit.get(0).get("action").asText());
        assertEquals("alice@" + realm.name(), audit.get(0).get("actor").asText());
        assertEquals("revoke", reviews.historyOf(uuid).get(0).get("decision").asText());
    }

    @Test
    void anOwnerHandsOverAndTheNewOwnerMustAttest() {
        String uuid = client("handover-bot", today().plusDays(60).toString());

        HttpResponse<String> refused = reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", "carol"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("newOwner: 'carol' is not an active user"), refused.body());

        expect(201, reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", "erin", "comment", "erin runs billing now")));

        JsonNode attributes = api.client(realm.name(), "handover-bot").get("attributes");
        assertEquals("erin", attributes.get("nhi.owner").asText());
        assertEquals(today().toString(), attributes.get("nhi.review-by").asText(), "due today: the new owner answers for it now");
        assertEquals(404, reviews.history(alice, uuid).statusCode(), "alice no longer owns it");
        String erin = reviews.tokenOf("erin", GovernedRealm.PASSWORD);
        assertEquals(List.of("handover-bot"), clientIds(reviews.queue(erin, "state=due")));
        expect(201, reviews.decide(erin, uuid, "attest", null));
    }

    @Test
    void theQueueShowsOverdueFirstThenDueThenTheRest() {
        client("later-bot", today().plusDays(60).toString());
        client("soon-bot", today().plusDays(10).toString());
        client("sooner-bot", today().plusDays(2).toString());
        client("late-bot", today().minusDays(2).toString());

        assertEquals(List.of("late-bot", "sooner-bot", "soon-bot", "later-bot"), clientIds(reviews.queue(alice, null)));
        assertEquals(List.of("late-bot"), clientIds(reviews.queue(alice, "state=overdue")));
        assertEquals(List.of("sooner-bot", "soon-bot"), clientIds(reviews.queue(alice, "state=due")));
        assertEquals(List.of("sooner-bot"), clientIds(reviews.queue(alice, "state=all&first=1&max=1")));
        JsonNode item = parse(expect(200, reviews.queue(alice, "state=overdue")).body()).get(0);
        assertEquals("overdue", item.get("reviewState").asText());
        assertTrue(item.get("mayReview").asBoolean());
        assertTrue(item.get("mayReassign").asBoolean());
        assertTrue(item.get("findings").toString().contains("REVIEW_OVERDUE"));
        assertAdminError(reviews.queue(alice, "state=soon"), 400, "state: 'soon' is not a state");
        assertAdminError(reviews.queue(alice, "finding=NOT_A_FINDING"), 400, "finding 'NOT_A_FINDING' is unknown");
    }

    @Test
    void badReviewsAreRefusedNamingTheFieldAndNothingIsStored() {
        String uuid = client("steady-bot", today().plusDays(30).toString());
        String before = reviewBy("steady-bot");

        assertRefused(reviews.review(alice, uuid, Map.of("decision", "approve")), "decision: 'approve' is not a decision");
        assertRefused(reviews.review(alice, uuid, Map.of("comment", "no decision")), "decision");
        assertRefused(reviews.decide(alice, uuid, "attest", "x".repeat(100 * 1024)), "comment: at most 2000 characters");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "attest", "owner", "mallory")), "owner: not a field of a review");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "attest", "newOwner", "erin")), "newOwner: only with decision reassign");
        assertRefused(reviews.review(alice, uuid, "[\"attest\"]"), "must be a JSON object");

        assertEquals(before, reviewBy("steady-bot"));
        assertEquals(0, reviews.historyOf(uuid).size(), "nothing stored");
        assertTrue(api.client(realm.name(), "steady-bot").get("enabled").asBoolean());
    }

    @Test
    void bodiesThatReadTwoWaysAreRefusedAndNothingIsStored() {
        String uuid = client("plain-bot", today().plusDays(30).toString());
        String before = reviewBy("plain-bot");

        assertRefused(reviews.review(alice, uuid, "{\"decision\":\"attest\",\"decision\":\"revoke\"}"), "field 'decision' appears more than once");
        assertRefused(reviews.review(alice, uuid, "{\"decision\":\"attest\"} {\"decision\":\"revoke\"}"), "there is content after the JSON value");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "ATTEST")), "decision: 'ATTEST' is not a decision");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", " attest")), "decision: ' attest' is not a decision");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "attest\u0000")), "is not a decision");
        assertRefused(reviews.review(alice, uuid, "{\"decision\":\"attest\",\"comment\":\"\\uD800 lone\"}"), "comment: control or invisible characters");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", " erin")), "newOwner: control or invisible characters");
        assertRefused(reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", "erin\n")), "newOwner: control or invisible characters");

        StringBuilder manyKeys = new StringBuilder("{\"decision\":\"attest\"");
        for (int i = 0; i < 10_000; i++) {
            manyKeys.append(",\"k").append(i).append("\":1");
        }
        HttpResponse<String> many = reviews.review(alice, uuid, manyKeys.append('}').toString());
        assertRefused(many, "and 9995 more fields that are not fields of a review");
        assertTrue(many.body().length() < 2_000, "the answer does not grow with the body: " + many.body().length() + " characters");

        assertEquals(before, reviewBy("plain-bot"));
        assertEquals(0, reviews.historyOf(uuid).size(), "nothing stored");
        assertTrue(api.client(realm.name(), "plain-bot").get("enabled").asBoolean(), "the duplicate revoke did nothing");
    }

    @Test
    void aRevokedIdentityIsNeitherAttestedNorRevokedAgainButMayBeHandedOver() {
        String uuid = client("gone-bot", today().plusDays(30).toString());
        expect(201, reviews.decide(alice, uuid, "revoke", "decommissioned"));

        assertRefused409(reviews.decide(alice, uuid, "attest", "still needed?"));
        assertRefused409(reviews.decide(alice, uuid, "revoke", null));
        expect(201, reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", "erin")));

        JsonNode history = reviews.historyOf(uuid);
        assertEquals(List.of("reassign", "revoke"), List.of(history.get(0).get("decision").asText(), history.get(1).get("decision").asText()));
        assertEquals(2, history.size());
        assertFalse(api.client(realm.name(), "gone-bot").get("enabled").asBoolean());
        assertEquals(1, lifecycle.audit(realm.name(), "gone-bot").size(), "retired once");
    }

    @Test
    void handOversSentAtOnceAreJudgedOneAfterAnother() throws Exception {
        String uuid = client("contested-bot", today().plusDays(60).toString());
        List<String> heirs = List.of("heir-1", "heir-2", "heir-3", "heir-4", "heir-5", "heir-6");
        heirs.forEach(heir -> api.createUser(realm.name(), heir, true, GovernedRealm.PASSWORD));

        ExecutorService pool = Executors.newFixedThreadPool(heirs.size());
        CyclicBarrier together = new CyclicBarrier(heirs.size());
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            for (String heir : heirs) {
                sent.add(pool.submit(() -> {
                    together.await();
                    return reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", heir));
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get(2, TimeUnit.MINUTES));
            }
            List<HttpResponse<String>> accepted = answers.stream().filter(a -> a.statusCode() == 201).toList();
            assertEquals(1, accepted.size(), "one hand-over is alice's to make; then she owns nothing: "
                    + answers.stream().map(HttpResponse::statusCode).toList());
            answers.stream().filter(a -> a.statusCode() != 201).forEach(a -> assertEquals(404, a.statusCode(), a.body()));

            String heir = parse(accepted.get(0).body()).get("ownerAfter").asText();
            assertEquals(heir, api.client(realm.name(), "contested-bot").get("attributes").get("nhi.owner").asText());
            JsonNode history = reviews.historyOf(uuid);
            assertEquals(1, history.size(), "the history holds the hand-over that happened, and no other");
            assertEquals("alice", history.get(0).get("ownerBefore").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCommentOverSeveralLinesIsKeptAsWritten() {
        String uuid = client("notes-bot", today().plusDays(30).toString());
        expect(201, reviews.decide(alice, uuid, "attest", "line one\nline two & more"));
        assertEquals("line one\nline two & more", reviews.historyOf(uuid).get(0).get("comment").asText());
    }

    private static void assertRefused409(HttpResponse<String> response) {
        assertEquals(409, response.statusCode(), response.body());
        assertTrue(response.body().contains("gone-bot is disabled (revoked)"), response.body());
    }

    private static void assertRefused(HttpResponse<String> response, String named) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(named), named + " in " + response.body());
    }
}
