package dev.nhiguard.inventory;

import dev.nhiguard.binding.TokenBindingConfig;
import dev.nhiguard.credentials.CredentialPolicy;
import dev.nhiguard.credentials.SecretIssue;
import dev.nhiguard.credentials.SecretStanding;
import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.OwnerRequiredConfig;
import dev.nhiguard.scope.ScopeNarrowingConfig;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.store.UsageRecords;
import dev.nhiguard.lifecycle.ExpirySettings;
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
    private static final RealmPolicySettings DEFAULTS = new RealmPolicySettings(
            OwnerRequiredConfig.defaults(), ScopeNarrowingConfig.defaults(), TokenBindingConfig.defaults(), java.util.List.of());
    private final FindingRules rules = new FindingRules(InventorySettings.defaults(), DEFAULTS, new RealmLifespans(300, 36_000, 0),
            ExpirySettings.defaults(), CredentialPolicy.defaults());
    /** A secret of a week: the secret lifetime findings stay out of tests about other findings. */
    private static final SecretStanding ISSUED_A_WEEK_AGO = new SecretStanding(SecretIssue.firstSight(null, NOW.minus(7, ChronoUnit.DAYS).toEpochMilli(), true), false);
    /** Used an hour ago: the usage findings stay out of tests about other findings. */
    private static final UsageRecords.Summary IN_USE = new UsageRecords.Summary("id", NOW.minus(1, ChronoUnit.HOURS).toEpochMilli(),
            null, "10.0.0.1", 12);

    private static OwnerDirectory owners(OwnerState state) {
        return new OwnerDirectory() {
            @Override
            public OwnerState ownerState(dev.nhiguard.ownership.Owner owner) {
                return state;
            }

            @Override
            public java.util.Optional<String> groupPath(String groupPath) {
                return java.util.Optional.of(groupPath);
            }
        };
    }

    private static ClientFacts facts(Map<String, String> attributes, String authenticator, boolean fullScope,
                                     List<String> defaultScopes, List<String> optionalScopes, List<String> adminRoles) {
        ClientSnapshot client = new ClientSnapshot("client", false, true, false, false, false, fullScope, authenticator,
                attributes, defaultScopes, optionalScopes, List.of());
        return new ClientFacts("id", true, NOW.minus(400, ChronoUnit.DAYS).toEpochMilli(), client, List.of(), Map.of(), List.of(),
                adminRoles, IN_USE, Map.of("payments:read", new UsageRecords.ScopeUse("payments:read", NOW.toEpochMilli(), NOW.toEpochMilli())),
                null, SharedSecrets.authenticatesWith(authenticator) ? ISSUED_A_WEEK_AGO : null);
    }

    private static ClientFacts facts(Map<String, String> attributes, String authenticator) {
        return facts(attributes, authenticator, false, List.of("basic"), List.of(), List.of());
    }

    /** Owned, reviewed and typed: what a well-kept machine client's attributes look like. */
    private static Map<String, String> owned(String reviewBy) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", "alice");
        attributes.put("nhi.purpose", "p");
        attributes.put("nhi.review-by", reviewBy);
        attributes.put("access.token.header.type.rfc9068", "true");
        return attributes;
    }

    private EnumSet<Finding> evaluate(ClientFacts facts, OwnerState state) {
        return rules.evaluate(facts, owners(state), NOW);
    }

    @Test
    void aTightClientHasNoFindings() {
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(facts(owned("2026-12-01"), "client-jwt"), OwnerState.ACTIVE));
    }

    @Test
    void reviewIsOverdueFromTheDayAfterTheReviewDate() {
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(facts(owned("2026-11-27"), "client-x509"), OwnerState.ACTIVE));
        assertEquals(EnumSet.of(Finding.REVIEW_OVERDUE), evaluate(facts(owned("2026-11-26"), "client-x509"), OwnerState.ACTIVE));
    }

    @Test
    void ownershipIsJudgedByTheExecutorsRules() {
        var f = facts(owned("2026-12-01"), "client-jwt");
        assertEquals(EnumSet.of(Finding.OWNER_DISABLED), evaluate(f, OwnerState.DISABLED));
        assertEquals(EnumSet.of(Finding.OWNER_MISSING), evaluate(f, OwnerState.MISSING));
        assertEquals(EnumSet.of(Finding.INVALID_OWNERSHIP), evaluate(facts(owned("2099-01-01"), "client-jwt"), OwnerState.ACTIVE),
                "beyond the realm's review horizon");
        assertEquals(EnumSet.of(Finding.NO_REVIEW_DATE), evaluate(facts(owned("2026-13-45"), "client-jwt"), OwnerState.ACTIVE));
    }

    @Test
    void aSecretIsJudgedByTheRealmsCredentialPolicy() {
        java.util.function.IntFunction<ClientFacts> issuedDaysAgo = days -> {
            ClientFacts f = facts(owned("2026-12-01"), "client-secret");
            return withSecret(f, new SecretStanding(SecretIssue.firstSight(NOW.minus(days, ChronoUnit.DAYS).getEpochSecond(), NOW.toEpochMilli(), true), false));
        };
        assertEquals(EnumSet.of(Finding.STATIC_SECRET), evaluate(issuedDaysAgo.apply(75), OwnerState.ACTIVE), "90 days less 14 of warning");
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.SECRET_EXPIRING), evaluate(issuedDaysAgo.apply(76), OwnerState.ACTIVE));
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.SECRET_EXPIRED), evaluate(issuedDaysAgo.apply(90), OwnerState.ACTIVE));
        FindingRules strict = new FindingRules(InventorySettings.defaults(), DEFAULTS, new RealmLifespans(300, 36_000, 0), ExpirySettings.defaults(),
                new CredentialPolicy(30, 7, List.of(), null));
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.SECRET_EXPIRED), strict.evaluate(issuedDaysAgo.apply(30), owners(OwnerState.ACTIVE), NOW));
        Map<String, String> rotated = owned("2026-12-01");
        rotated.put("client.secret.expiration.time", String.valueOf(NOW.plus(3, ChronoUnit.DAYS).getEpochSecond()));
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.SECRET_EXPIRING), evaluate(facts(rotated, "client-secret"), OwnerState.ACTIVE),
                "Keycloak's secret rotation expires it sooner than the realm's policy");
        assertEquals(EnumSet.of(Finding.STATIC_SECRET), evaluate(facts(owned("2026-12-01"), "client-secret-jwt"), OwnerState.ACTIVE),
                "a JWT signed with the secret rests on the secret all the same");
        ClientFacts untrusted = withSecret(facts(owned("2026-12-01"), "client-secret"), new SecretStanding(ISSUED_A_WEEK_AGO.issue(), true));
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.UNTRUSTED_SECRET), evaluate(untrusted, OwnerState.ACTIVE),
                "a previous secret set by hand, or the export mask");
    }

    private static ClientFacts withSecret(ClientFacts f, SecretStanding issue) {
        return new ClientFacts(f.id(), f.enabled(), f.createdTimestamp(), f.client(), f.realmRoles(), f.clientRoles(), f.groups(), f.adminRoles(),
                f.usage(), f.scopeUses(), f.certificate(), issue);
    }

    @Test
    void aScopeWithNarrowerSiblingsIsBroad() {
        // the optional scopes never asked for are UNUSED_SCOPE too; only payments:read was
        assertEquals(EnumSet.of(Finding.BROAD_SCOPE, Finding.UNUSED_SCOPE), evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("basic"), List.of("payments", "payments:read"), List.of()), OwnerState.ACTIVE));
        assertEquals(EnumSet.of(Finding.DEFAULT_SCOPES, Finding.BROAD_SCOPE, Finding.UNUSED_SCOPE), evaluate(facts(owned("2026-12-01"),
                "client-jwt", false, List.of("ledger"), List.of("ledger.write"), List.of()), OwnerState.ACTIVE));
        assertEquals(EnumSet.of(Finding.UNUSED_SCOPE), evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("basic"), List.of("payments:read", "paymentsx", "payments-admin"), List.of()), OwnerState.ACTIVE));
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(facts(owned("2026-12-01"), "client-jwt", false,
                List.of("basic"), List.of("payments:read"), List.of()), OwnerState.ACTIVE));
    }

    @Test
    void highAndCriticalTiersAreJudgedByTheBindingRules() {
        Map<String, String> attributes = owned("2026-12-01");
        attributes.put("nhi.tier", "critical");
        attributes.put("x509.subjectdn", "CN=bot");
        attributes.put("x509.allow.regex.pattern.comparison", "false");
        var f = facts(attributes, "client-x509");
        assertEquals(EnumSet.of(Finding.UNBOUND_TOKENS), evaluate(f, OwnerState.ACTIVE));
        attributes.put("tls.client.certificate.bound.access.tokens", "true");
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(f, OwnerState.ACTIVE));
        attributes.put("nhi.tier", "critcal");
        assertEquals(EnumSet.of(Finding.UNKNOWN_TIER), evaluate(f, OwnerState.ACTIVE), "a typo is judged as critical, and reported");
        attributes.put("nhi.tier", "high");
        assertEquals(EnumSet.of(Finding.STATIC_SECRET, Finding.KEYLESS_AUTH), evaluate(facts(attributes, "client-secret"), OwnerState.ACTIVE));
        attributes.put("nhi.tier", "critical");
        attributes.remove("x509.allow.regex.pattern.comparison");
        assertEquals(EnumSet.of(Finding.KEYLESS_AUTH), evaluate(f, OwnerState.ACTIVE),
                "Keycloak compares the subject as a regular expression unless told otherwise");
        attributes.put("nhi.tier", "standard");
        attributes.remove("tls.client.certificate.bound.access.tokens");
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(f, OwnerState.ACTIVE));
        attributes.put("nhi.environment", "prod\u200b");
        assertEquals(EnumSet.of(Finding.INVALID_ENVIRONMENT), evaluate(f, OwnerState.ACTIVE));
    }

    /** Each tier is judged by the binding policy that selects it: DPoP for high, the certificate for critical (the demo's set-up). */
    @Test
    void eachTierIsJudgedByTheBindingPolicyThatSelectsIt() {
        TokenBindingConfig dpop = new TokenBindingConfig(List.of(dev.nhiguard.binding.KeyBoundAuthMethod.PRIVATE_KEY_JWT,
                dev.nhiguard.binding.KeyBoundAuthMethod.FEDERATED_JWT), List.of(dev.nhiguard.binding.SenderConstraint.DPOP), false);
        TokenBindingConfig mtls = new TokenBindingConfig(List.of(dev.nhiguard.binding.KeyBoundAuthMethod.TLS_CLIENT_AUTH),
                List.of(dev.nhiguard.binding.SenderConstraint.MTLS), false);
        RealmPolicySettings perTier = new RealmPolicySettings(OwnerRequiredConfig.defaults(), ScopeNarrowingConfig.defaults(), mtls.strictest(dpop),
                List.of(), List.of(new RealmPolicySettings.Binding(List.of(tiers("high")), dpop), new RealmPolicySettings.Binding(List.of(tiers("critical")), mtls)));
        FindingRules rules = new FindingRules(InventorySettings.defaults(), perTier, new RealmLifespans(300, 36_000, 0), ExpirySettings.defaults(),
                CredentialPolicy.defaults());
        Map<String, String> high = owned("2026-12-01");
        high.put("nhi.tier", "high");
        high.put("dpop.bound.access.tokens", "true");
        assertEquals(EnumSet.noneOf(Finding.class), rules.evaluate(facts(high, "federated-jwt"), owners(OwnerState.ACTIVE), NOW));
        Map<String, String> critical = owned("2026-12-01");
        critical.put("nhi.tier", "critical");
        critical.put("dpop.bound.access.tokens", "true");
        assertEquals(EnumSet.of(Finding.UNBOUND_TOKENS, Finding.KEYLESS_AUTH), rules.evaluate(facts(critical, "federated-jwt"), owners(OwnerState.ACTIVE), NOW),
                "the critical tier's policy takes certificates only");
    }

    private static org.keycloak.representations.idm.ClientPolicyConditionRepresentation tiers(String tier) {
        org.keycloak.representations.idm.ClientPolicyConditionRepresentation condition = new org.keycloak.representations.idm.ClientPolicyConditionRepresentation();
        condition.setConditionProviderId("nhi-attributes");
        condition.setConfiguration(org.keycloak.util.JsonSerialization.mapper.valueToTree(Map.of("tiers", List.of(tier))));
        return condition;
    }

    @Test
    void aCertificateExpiringWithinTheWindowIsFlagged() {
        ClientSnapshot client = new ClientSnapshot("client", false, true, false, false, false, false, "client-x509", owned("2026-12-01"),
                List.of("basic"), List.of(), List.of());
        java.util.function.LongFunction<ClientFacts> seen = notAfter -> new ClientFacts("id", true, NOW.minus(400, ChronoUnit.DAYS).toEpochMilli(),
                client, List.of(), Map.of(), List.of(), List.of(), IN_USE, Map.of(),
                new UsageRecords.SeenCertificate("x5t", notAfter, NOW.toEpochMilli()), null);
        assertEquals(EnumSet.of(Finding.CERT_EXPIRING), evaluate(seen.apply(NOW.plus(29, ChronoUnit.DAYS).toEpochMilli()), OwnerState.ACTIVE));
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(seen.apply(NOW.plus(31, ChronoUnit.DAYS).toEpochMilli()), OwnerState.ACTIVE));
    }

    @Test
    void theLifespanIsJudgedWithTheRealmsPolicyCap() {
        Map<String, String> attributes = owned("2026-12-01");
        attributes.put("access.token.lifespan", "200");
        var f = facts(attributes, "client-jwt");
        assertEquals(EnumSet.noneOf(Finding.class), evaluate(f, OwnerState.ACTIVE));
        RealmPolicySettings strict = new RealmPolicySettings(OwnerRequiredConfig.defaults(),
                new ScopeNarrowingConfig(true, List.of("basic"), ":.", List.of(), 5, 120, true, false), TokenBindingConfig.defaults(), List.of());
        assertEquals(EnumSet.of(Finding.LONG_TOKEN_LIFETIME),
                new FindingRules(InventorySettings.defaults(), strict, new RealmLifespans(300, 36_000, 0), ExpirySettings.defaults(),
                        CredentialPolicy.defaults())
                        .evaluate(f, owners(OwnerState.ACTIVE), NOW));
    }

    @Test
    void realUseDecidesNeverUsedStaleAndUnusedScopes() {
        ClientSnapshot client = new ClientSnapshot("client", false, true, false, false, false, false, "client-jwt", owned("2026-12-01"),
                List.of("basic"), List.of("payments:read"), List.of());
        long created = NOW.minus(10, ChronoUnit.DAYS).toEpochMilli();
        ClientFacts fresh = new ClientFacts("id", true, created, client, List.of(), Map.of(), List.of(), List.of(), null, Map.of(), null, null);
        assertEquals(EnumSet.of(Finding.NEVER_USED), evaluate(fresh, OwnerState.ACTIVE), "a new client is not stale, nor are its scopes unused yet");
        long longAgo = NOW.minus(91, ChronoUnit.DAYS).toEpochMilli();
        ClientFacts forgotten = new ClientFacts("id", true, longAgo, client, List.of(), Map.of(), List.of(), List.of(), null, Map.of(), null, null);
        assertEquals(EnumSet.of(Finding.NEVER_USED, Finding.STALE, Finding.UNUSED_SCOPE), evaluate(forgotten, OwnerState.ACTIVE));
        ClientFacts dormant = new ClientFacts("id", true, longAgo - 1000, client, List.of(), Map.of(), List.of(), List.of(),
                new UsageRecords.Summary("id", longAgo, null, null, 0), Map.of(), null, null);
        assertEquals(EnumSet.of(Finding.STALE, Finding.UNUSED_SCOPE), evaluate(dormant, OwnerState.ACTIVE), "last used 91 days ago");
    }

    @Test
    void unownedUnreviewedOverPrivilegedClientCollectsEveryFinding() {
        var f = facts(new HashMap<>(), "client-secret", true, List.of("email", "roles"), List.of(), List.of("realm-management:manage-users"));
        assertEquals(EnumSet.of(Finding.NO_OWNER, Finding.NO_PURPOSE, Finding.NO_REVIEW_DATE, Finding.STATIC_SECRET,
                Finding.FULL_SCOPE_ALLOWED, Finding.DEFAULT_SCOPES, Finding.ADMIN_ROLES, Finding.UNTYPED_TOKENS), evaluate(f, null));
    }
}
