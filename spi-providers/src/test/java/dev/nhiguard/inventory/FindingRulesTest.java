package dev.nhiguard.inventory;

import dev.nhiguard.shared.OwnerState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final FindingRules rules = new FindingRules(InventorySettings.defaults());

    private static ClientFacts facts(Map<String, String> attributes, String authenticator, boolean fullScope,
                                     List<String> defaultScopes, List<String> adminRoles) {
        return facts(attributes, authenticator, fullScope, defaultScopes, List.of(), 300, adminRoles);
    }

    private static ClientFacts facts(Map<String, String> attributes, String authenticator, boolean fullScope,
                                     List<String> defaultScopes, List<String> optionalScopes, int lifespan, List<String> adminRoles) {
        return new ClientFacts("id", "client", true, null, authenticator, fullScope, lifespan, attributes, defaultScopes,
                optionalScopes, List.of(), Map.of(), List.of(), adminRoles);
    }

    private static Map<String, String> owned(String reviewBy) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", "alice");
        attributes.put("nhi.purpose", "p");
        attributes.put("nhi.review-by", reviewBy);
        return attributes;
    }

    @Test
    void aTightClientHasNoFindings() {
        assertEquals(EnumSet.noneOf(Finding.class),
                rules.evaluate(facts(owned("2026-12-01"), "client-jwt", false, List.of("basic"), List.of()), OwnerState.ACTIVE, NOW));
    }

    @Test
    void reviewIsOverdueFromTheDayAfterTheReviewDate() {
        assertEquals(EnumSet.noneOf(Finding.class),
                rules.evaluate(facts(owned("2026-11-27"), "client-x509", false, List.of(), List.of()), OwnerState.ACTIVE, NOW));
        assertEquals(EnumSet.of(Finding.REVIEW_OVERDUE),
                rules.evaluate(facts(owned("2026-11-26"), "client-x509", false, List.of(), List.of()), OwnerState.ACTIVE, NOW));
    }

    @Test
    void ownerStatesMapToTheirFindings() {
        var f = facts(owned("2026-12-01"), "client-jwt", false, List.of(), List.of());
        assertEquals(EnumSet.of(Finding.OWNER_DISABLED), rules.evaluate(f, OwnerState.DISABLED, NOW));
        assertEquals(EnumSet.of(Finding.OWNER_MISSING), rules.evaluate(f, OwnerState.MISSING, NOW));
    }

    @Test
    void secretAgeCountsWholeDaysAgainstTheLimit() {
        Map<String, String> attributes = owned("2026-12-01");
        attributes.put("client.secret.creation.time", String.valueOf(NOW.minus(90, ChronoUnit.DAYS).getEpochSecond()));
        var ninety = facts(attributes, "client-secret", false, List.of(), List.of());
        assertEquals(EnumSet.of(Finding.SECRET_AUTH), rules.evaluate(ninety, OwnerState.ACTIVE, NOW));
        attributes.put("client.secret.creation.time", String.valueOf(NOW.minus(91, ChronoUnit.DAYS).getEpochSecond()));
        assertEquals(EnumSet.of(Finding.SECRET_AUTH, Finding.OLD_SECRET), rules.evaluate(ninety, OwnerState.ACTIVE, NOW));
        attributes.put("client.secret.creation.time", "garbage");
        assertEquals(EnumSet.of(Finding.SECRET_AUTH), rules.evaluate(ninety, OwnerState.ACTIVE, NOW));
    }

    @Test
    void aScopeWithNarrowerSiblingsIsBroad() {
        assertEquals(EnumSet.of(Finding.BROAD_SCOPE), rules.evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("basic"), List.of("payments", "payments:read"), 300, List.of()), OwnerState.ACTIVE, NOW));
        assertEquals(EnumSet.of(Finding.BROAD_SCOPE, Finding.DEFAULT_SCOPES), rules.evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("ledger"), List.of("ledger.write"), 300, List.of()), OwnerState.ACTIVE, NOW));
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("basic"), List.of("payments:read", "paymentsx", "payments-admin"), 300, List.of()), OwnerState.ACTIVE, NOW));
    }

    @Test
    void highAndCriticalTiersWithoutBoundTokensAreUnbound() {
        Map<String, String> attributes = owned("2026-12-01");
        attributes.put("nhi.tier", "critical");
        var f = facts(attributes, "client-x509", false, List.of("basic"), List.of());
        assertEquals(EnumSet.of(Finding.UNBOUND_TOKENS), rules.evaluate(f, OwnerState.ACTIVE, NOW));
        attributes.put("tls.client.certificate.bound.access.tokens", "true");
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(f, OwnerState.ACTIVE, NOW));
        attributes.put("nhi.tier", "standard");
        attributes.remove("tls.client.certificate.bound.access.tokens");
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(f, OwnerState.ACTIVE, NOW));
    }

    @Test
    void aCertificateExpiringWithinTheWindowIsFlagged() {
        Map<String, String> attributes = owned("2026-12-01");
        attributes.put("nhi.cert.not-after", NOW.plus(29, ChronoUnit.DAYS).toString());
        var f = facts(attributes, "client-x509", false, List.of("basic"), List.of());
        assertEquals(EnumSet.of(Finding.CERT_EXPIRING), rules.evaluate(f, OwnerState.ACTIVE, NOW));
        attributes.put("nhi.cert.not-after", NOW.plus(31, ChronoUnit.DAYS).toString());
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(f, OwnerState.ACTIVE, NOW));
        attributes.put("nhi.cert.not-after", "not a date");
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(f, OwnerState.ACTIVE, NOW));
    }

    @Test
    void lifespanAboveTheCapIsLong() {
        var f = facts(owned("2026-12-01"), "client-jwt", false, List.of("basic"), List.of(), 301, List.of());
        assertEquals(EnumSet.of(Finding.LONG_TOKEN_LIFETIME), rules.evaluate(f, OwnerState.ACTIVE, NOW));
    }

    @Test
    void unownedUnreviewedOverPrivilegedClientCollectsEveryFinding() {
        var f = facts(new HashMap<>(), "client-secret", true, List.of("email", "roles"), List.of("realm-management:manage-users"));
        assertEquals(EnumSet.of(Finding.NO_OWNER, Finding.NO_PURPOSE, Finding.NO_REVIEW_DATE, Finding.SECRET_AUTH,
                Finding.FULL_SCOPE_ALLOWED, Finding.DEFAULT_SCOPES, Finding.ADMIN_ROLES), rules.evaluate(f, null, NOW));
    }
}
