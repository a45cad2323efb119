package dev.nhiguard.inventory;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.binding.TokenBindingConfig;
import dev.nhiguard.credentials.CredentialPolicy;
import dev.nhiguard.credentials.SecretIssue;
import dev.nhiguard.credentials.SecretStanding;
import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.OwnerRequiredConfig;
import dev.nhiguard.scope.ScopeNarrowingConfig;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.store.UsageRecords;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A finding filter decides from a realm-wide read of only the facts {@link FindingFacts} names; for every finding and
 * a wide spread of clients that must give the same answer as all the facts do.
 */
class FindingFactsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final FindingRules RULES = new FindingRules(InventorySettings.defaults(), new RealmPolicySettings(
            OwnerRequiredConfig.defaults(), ScopeNarrowingConfig.defaults(), TokenBindingConfig.defaults(), List.of()),
            new RealmLifespans(300, 36_000, 0), ExpirySettings.defaults(), CredentialPolicy.defaults());
    private static final OwnerDirectory OWNERS = new OwnerDirectory() {
        @Override
        public OwnerState ownerState(dev.nhiguard.ownership.Owner owner) {
            return switch (owner.name()) {
                case "alice" -> OwnerState.ACTIVE;
                case "carol" -> OwnerState.DISABLED;
                default -> OwnerState.MISSING;
            };
        }

        @Override
        public Optional<String> groupPath(String groupPath) {
            return Optional.of(groupPath);
        }
    };

    @Test
    void everyFindingComesOutTheSameFromTheFactsItNames() {
        List<ClientFacts> clients = spread();
        EnumSet<Finding> seen = EnumSet.noneOf(Finding.class);
        for (ClientFacts full : clients) {
            EnumSet<Finding> all = RULES.evaluate(full, OWNERS, NOW);
            seen.addAll(all);
            for (Finding finding : Finding.values()) {
                ClientFacts partial = FindingFacts.only(full, FindingFacts.needed(finding));
                assertEquals(all.contains(finding), RULES.evaluate(partial, OWNERS, NOW).contains(finding),
                        finding + " for " + full.client().attributes() + " " + full.client().defaultScopes() + " " + full.adminRoles());
            }
        }
        assertTrue(seen.size() >= 25, "the spread of clients shows most findings, so the comparison means something: " + seen);
    }

    /** Clients that between them show nearly every finding, each also with and without every kind of fact. */
    private static List<ClientFacts> spread() {
        List<Map<String, String>> attributeSets = new ArrayList<>();
        attributeSets.add(Map.of());
        attributeSets.add(owned("alice", "2026-12-01"));
        attributeSets.add(owned("carol", "2026-01-01"));
        attributeSets.add(owned("ghost", "not-a-date"));
        Map<String, String> critical = owned("alice", "2026-12-01");
        critical.put("nhi.tier", "critical");
        attributeSets.add(critical);
        Map<String, String> odd = owned("alice", "2026-12-01");
        odd.putAll(Map.of("nhi.tier", "platinum", "nhi.environment", "prod\u200b", "nhi.expiry-exempt-until", "2099-01-01",
                "access.token.lifespan", "86400", "use.refresh.tokens.for.client.credentials.grant", "true"));
        attributeSets.add(odd);
        Map<String, String> odd2 = owned("alice", "2026-12-01");
        odd2.putAll(Map.of("access.token.lifespan", "1e3", "client.secret.creation.time", "1600000000",
                "jwt.credential.certificate", "not-a-certificate"));
        attributeSets.add(odd2);

        List<ClientFacts> clients = new ArrayList<>();
        long created = NOW.minus(400, ChronoUnit.DAYS).toEpochMilli();
        for (Map<String, String> attributes : attributeSets) {
            for (String authenticator : List.of("client-secret", "client-jwt", "client-x509")) {
                for (boolean wide : List.of(false, true)) {
                    ClientSnapshot client = new ClientSnapshot("c", false, true, wide, false, wide, wide, authenticator, attributes,
                            wide ? List.of("basic", "profile", "roles") : List.of("basic"),
                            wide ? List.of("payments", "payments:read", "payments:write") : List.of("payments:read"),
                            wide ? List.of("extra (oidc-audience-mapper)") : List.of());
                    List<String> admin = wide ? List.of("realm-management:manage-users") : List.of();
                    for (int use = 0; use < 3; use++) {
                        UsageRecords.Summary usage = switch (use) {
                            case 0 -> null;
                            case 1 -> new UsageRecords.Summary("id", NOW.minus(200, ChronoUnit.DAYS).toEpochMilli(), null, "10.0.0.1", 0);
                            default -> new UsageRecords.Summary("id", NOW.minus(1, ChronoUnit.HOURS).toEpochMilli(), null, "10.0.0.1", 3);
                        };
                        Map<String, UsageRecords.ScopeUse> scopeUses = use == 2
                                ? Map.of("payments:read", new UsageRecords.ScopeUse("payments:read", NOW.toEpochMilli(), NOW.toEpochMilli()))
                                : Map.of();
                        UsageRecords.SeenCertificate certificate = use == 1
                                ? new UsageRecords.SeenCertificate("thumb", NOW.plus(3, ChronoUnit.DAYS).toEpochMilli(), NOW.toEpochMilli())
                                : null;
                        clients.add(new ClientFacts("id", true, created, client, List.of(), Map.of(), List.of(), admin, usage,
                                scopeUses, certificate, new SecretStanding(SecretIssue.firstSight(null, NOW.minus(new long[]{0, 80, 100}[use], ChronoUnit.DAYS).toEpochMilli(), true), use == 2)));
                    }
                }
            }
        }
        return clients;
    }

    private static Map<String, String> owned(String owner, String reviewBy) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", owner);
        attributes.put("nhi.purpose", "Reads settled payments");
        attributes.put("nhi.review-by", reviewBy);
        attributes.put("access.token.header.type.rfc9068", "true");
        return attributes;
    }
}
