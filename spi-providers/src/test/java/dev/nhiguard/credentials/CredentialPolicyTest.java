package dev.nhiguard.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nhiguard.shared.ClientSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CredentialPolicyRequest.Result put(String body, CredentialPolicy current) throws Exception {
        return CredentialPolicyRequest.read(JSON.readTree(body), current, NOW);
    }

    @Test
    void eachSecretFreeTierKeepsItsOwnMomentAndANewOneStartsNow() throws Exception {
        CredentialPolicy critical = put("{\"secretFreeTiers\":[\"critical\"]}", CredentialPolicy.defaults()).policy().orElseThrow();
        assertEquals(List.of("critical"), critical.secretFreeTiers());
        assertEquals(Map.of("critical", NOW.toString()), critical.secretFreeSince());
        CredentialPolicy later = CredentialPolicyRequest.read(JSON.readTree("{\"secretMaxAgeDays\":30}"), critical, NOW.plusSeconds(99)).policy().orElseThrow();
        assertEquals(Map.of("critical", NOW.toString()), later.secretFreeSince(), "an unrelated change keeps the date");
        assertEquals(30, later.secretMaxAgeDays());
        CredentialPolicy wider = CredentialPolicyRequest.read(JSON.readTree("{\"secretFreeTiers\":[\"critical\",\"high\"]}"), critical,
                NOW.plusSeconds(99)).policy().orElseThrow();
        assertEquals(Map.of("critical", NOW.toString(), "high", NOW.plusSeconds(99).toString()), wider.secretFreeSince(),
                "a new tier from now on; the tier that stays keeps its moment");
        CredentialPolicy named = put("{\"secretFreeTiers\":[\"critical\",\"high\"],\"secretFreeSince\":{\"high\":\"2026-12-01T00:00:00Z\"}}",
                critical).policy().orElseThrow();
        assertEquals(Map.of("critical", NOW.toString(), "high", "2026-12-01T00:00:00Z"), named.secretFreeSince());
        CredentialPolicy none = put("{\"secretFreeTiers\":[]}", critical).policy().orElseThrow();
        assertEquals(Map.of(), none.secretFreeSince());
    }

    @Test
    void theStoredMomentsAreReadPerTierOrOneForAll() {
        assertEquals(java.util.Optional.of(Map.of("high", "2026-12-01T00:00:00Z", "critical", "2026-12-02T00:00:00Z")),
                CredentialPolicy.sinceByTier("high=2026-12-01T00:00:00Z,critical=2026-12-02T00:00:00Z", List.of("high", "critical")));
        assertEquals(java.util.Optional.of(Map.of("high", "2026-12-01T00:00:00Z")), CredentialPolicy.sinceByTier("2026-12-01T00:00:00Z", List.of("high")));
        for (String unreadable : List.of("high=2026-12-01T00:00:00Z", "high=2026-12-01T00:00:00Z,high=2026-12-01T00:00:00Z,critical=2026-12-01T00:00:00Z",
                "hіgh=2026-12-01T00:00:00Z,critical=2026-12-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-01-01T00:00:00+02:00")) {
            assertTrue(CredentialPolicy.sinceByTier(unreadable, List.of("high", "critical")).isEmpty(), unreadable);
        }
        assertTrue(CredentialPolicy.problems(Map.of("nhi.credential.secret-max-age-days", " 30")::get).size() == 1, "digits only, as the endpoint takes it");
    }

    @Test
    void aTierThatIsNoTierIsSecretFreeWhenAnyTierIs() {
        CredentialPolicy high = new CredentialPolicy(90, 14, List.of("high"), Map.of("high", "2026-12-01T00:00:00Z"));
        assertTrue(high.secretFree("hіgh"), "a look-alike of high (Cyrillic i)");
        assertEquals(java.util.Optional.of(Instant.parse("2026-12-01T00:00:00Z")), high.secretFreeFrom("critcal"));
        assertFalse(high.secretFree("critical"));
        assertFalse(high.secretFree(null), "absent is standard");
    }

    @Test
    void everyWrongKeyIsNamedAtOnce() throws Exception {
        List<String> problems = put("{\"secretMaxAgeDays\":0,\"secretWarningDays\":\"14\",\"secretFreeTiers\":[\"critcal\"],"
                + "\"secretFreeSince\":\"tomorrow\",\"maxAge\":3}", CredentialPolicy.defaults()).problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("maxAge: not a setting")), problems.toString());
        assertTrue(problems.contains("secretMaxAgeDays: must be a whole number from 1 to 3650"), problems.toString());
        assertTrue(problems.contains("secretFreeTiers: must be a list of tiers, each one of standard, high, critical"), problems.toString());
    }

    @Test
    void ambiguousTierListsAreRefused() throws Exception {
        for (String tiers : List.of("\"critical\"", "[\"high,critical\"]", "[\" critical\"]", "[\"critical\",\"critical\"]", "[\"Critical\"]", "[1]")) {
            assertEquals(1, put("{\"secretFreeTiers\":" + tiers + "}", CredentialPolicy.defaults()).problems().size(), tiers);
        }
        assertEquals(List.of("secretFreeSince: must be a UTC date and time such as 2026-12-06T00:00:00Z, from 2000 on and not in the future"),
                put("{\"secretFreeTiers\":[\"high\"],\"secretFreeSince\":\"2099-01-01T00:00:00Z\"}", CredentialPolicy.defaults()).problems());
        for (String since : List.of("\"-999999999-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00+02:00\"", "{\"critical\":\"2026-12-01T00:00:00Z\"}",
                "{\"high\":1}", "[\"2026-12-01T00:00:00Z\"]")) {
            assertEquals(1, put("{\"secretFreeTiers\":[\"high\"],\"secretFreeSince\":" + since + "}", CredentialPolicy.defaults()).problems().size(), since);
        }
    }

    @Test
    void aWarningAsLongAsTheLifetimeIsRefused() throws Exception {
        assertEquals(1, put("{\"secretMaxAgeDays\":14}", CredentialPolicy.defaults()).problems().size());
        Map<String, String> stored = new HashMap<>(Map.of("nhi.credential.secret-max-age-days", "10", "nhi.credential.secret-warning-days", "10"));
        assertEquals(1, CredentialPolicy.problems(stored::get).size());
        stored.put("nhi.credential.secret-free-tiers", "critical");
        assertTrue(CredentialPolicy.problems(stored::get).stream().anyMatch(p -> p.contains("nhi.credential.secret-free-since: required")));
    }

    @Test
    void theTokenEndpointRefusesAnExpiredSecretAndANewOneAtASecretFreeTier() {
        CredentialPolicy policy = new CredentialPolicy(90, 14, List.of("critical"), Map.of("critical", NOW.minus(10, ChronoUnit.DAYS).toString()));
        CredentialRules rules = new CredentialRules(policy);
        ClientSnapshot standard = client("standard");
        SecretInUse old = held(SecretIssue.firstSight(NOW.minus(91, ChronoUnit.DAYS).getEpochSecond(), NOW.toEpochMilli(), true));
        assertTrue(rules.refusalAtTokenTime(standard, old, NOW).orElseThrow().reason().startsWith("client secret: expired on 2026-12-05"));
        SecretInUse recent = held(SecretIssue.firstSight(null, NOW.minus(3, ChronoUnit.DAYS).toEpochMilli(), true));
        assertEquals(java.util.Optional.empty(), rules.refusalAtTokenTime(standard, recent, NOW));
        assertTrue(rules.refusalAtTokenTime(client("critical"), recent, NOW).orElseThrow().reason().contains("after tier critical took no new shared secrets"));
        SecretInUse grandfathered = held(SecretIssue.firstSight(null, NOW.minus(20, ChronoUnit.DAYS).toEpochMilli(), true));
        assertEquals(java.util.Optional.empty(), rules.refusalAtTokenTime(client("critical"), grandfathered, NOW),
                "a secret met before the tier became secret-free works until it expires");
        SecretInUse backdated = held(SecretIssue.firstSight(NOW.minus(20, ChronoUnit.DAYS).getEpochSecond(), NOW.minus(3, ChronoUnit.DAYS).toEpochMilli(), true));
        assertTrue(rules.refusalAtTokenTime(client("critical"), backdated, NOW).isPresent(),
                "Keycloak's creation time, which anyone who writes the client sets, does not vouch for a secret met while serving");
        SecretInUse foundAtStartUp = held(SecretIssue.firstSight(NOW.minus(20, ChronoUnit.DAYS).getEpochSecond(), NOW.minus(3, ChronoUnit.DAYS).toEpochMilli(), false));
        assertEquals(java.util.Optional.empty(), rules.refusalAtTokenTime(client("critical"), foundAtStartUp, NOW),
                "realm JSON imported at start-up is dated by Keycloak's record");
        assertEquals(1, rules.newSecret(client("critical")).size());
        assertEquals(0, rules.newSecret(client("high")).size());
    }

    @Test
    void aSecretThePackCannotVouchForTakesNoToken() {
        CredentialRules rules = new CredentialRules(CredentialPolicy.defaults());
        SecretIssue fresh = SecretIssue.firstSight(null, NOW.toEpochMilli(), true);
        assertEquals("UNTRUSTED_SECRET", rules.refusalAtTokenTime(client("standard"), SecretInUse.current("hand-set", null, null), NOW)
                .orElseThrow().finding().name(), "a previous secret the client never held");
        assertTrue(rules.refusalAtTokenTime(client("standard"), SecretInUse.current("**********", fresh, null), NOW).orElseThrow().reason()
                .contains("mask"), "the mask of a partial export");
        assertEquals(java.util.Optional.empty(), rules.refusalAtTokenTime(client("standard"), SecretInUse.current("s3cret", fresh, null), NOW));
    }

    @Test
    void aPreviousSecretIsVouchedForOnlyDuringTheGraceFromItsReplacement() {
        Instant replaced = NOW.minus(1, ChronoUnit.HOURS);
        SecretIssue former = new SecretIssue(NOW.minus(10, ChronoUnit.DAYS).toEpochMilli(), SecretIssue.FIRST_SEEN, NOW.minus(10, ChronoUnit.DAYS).toEpochMilli(),
                replaced.toEpochMilli());
        assertFalse(SecretInUse.previous("old", former, java.time.Duration.ofDays(2)).untrusted(NOW), "within the grace");
        assertTrue(SecretInUse.previous("old", former, java.time.Duration.ofMinutes(30)).untrusted(NOW), "past the grace: written back by hand");
        assertTrue(SecretInUse.previous("old", former, java.time.Duration.ZERO).untrusted(NOW), "no rotation executor in the realm");
        SecretIssue stillCurrent = new SecretIssue(former.issuedAt(), former.issuedFrom(), former.knownFrom(), null);
        assertTrue(SecretInUse.previous("old", stillCurrent, java.time.Duration.ofDays(2)).untrusted(NOW), "never seen replaced");
        assertTrue(SecretInUse.previous("old", null, java.time.Duration.ofDays(2)).untrusted(NOW), "never held");
    }

    @Test
    void keycloaksRotationLeavesThePreviousSecretLiveUntilItsExpiry() {
        Map<String, String> attributes = new HashMap<>(Map.of("client.secret.rotated", "old", "client.secret.rotated.creation.time", "100",
                "client.secret.rotated.expiration.time", "200"));
        assertEquals(java.util.Optional.of("old"), RotatedSecret.live(attributes::get, true, 200));
        assertEquals(java.util.Optional.empty(), RotatedSecret.live(attributes::get, true, 201));
        assertEquals(java.util.Optional.empty(), RotatedSecret.live(attributes::get, false, 150), "the feature off");
        attributes.remove("client.secret.rotated.expiration.time");
        assertEquals(java.util.Optional.empty(), RotatedSecret.live(attributes::get, true, 150), "Keycloak reads no expiry as expired");
    }

    @Test
    void theLifetimeEndsAtTheRealmsLimitOrKeycloaksRotationWhicheverIsFirst() {
        SecretIssue issue = SecretIssue.firstSight(NOW.getEpochSecond(), NOW.toEpochMilli(), true);
        SecretLifetime policyOnly = SecretLifetime.of(issue, null, CredentialPolicy.defaults());
        assertEquals(NOW.plus(90, ChronoUnit.DAYS), policyOnly.expiresAt());
        assertEquals(SecretLifetime.State.OK, policyOnly.state(NOW.plus(75, ChronoUnit.DAYS)));
        assertEquals(SecretLifetime.State.EXPIRING, policyOnly.state(NOW.plus(76, ChronoUnit.DAYS)));
        assertEquals(SecretLifetime.State.EXPIRED, policyOnly.state(NOW.plus(90, ChronoUnit.DAYS)));
        SecretLifetime rotation = SecretLifetime.of(issue, NOW.plus(29, ChronoUnit.DAYS).getEpochSecond(), CredentialPolicy.defaults());
        assertEquals(NOW.plus(29, ChronoUnit.DAYS), rotation.expiresAt());
    }

    private static SecretInUse held(SecretIssue issue) {
        return SecretInUse.current("s3cret", issue, null);
    }

    private static ClientSnapshot client(String tier) {
        return new ClientSnapshot("bot", false, true, false, false, false, false, "client-secret", Map.of("nhi.tier", tier), List.of(), List.of(),
                List.of());
    }
}
