package dev.nhiguard.inventory;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.credentials.CredentialPolicy;
import dev.nhiguard.credentials.SecretLifetime;
import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.expiry.Candidate;
import dev.nhiguard.expiry.ExpiryRules;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.lifecycle.UnusedWindow;
import dev.nhiguard.binding.TokenBindingRules;
import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.OwnershipRules;
import dev.nhiguard.scope.MachineClientRules;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.store.UsageRecords;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the facts about one client into findings, through the same rules the executors enforce and with the
 * options the realm's policies give them (the secret's lifetime by the realm's credential policy, as
 * {@code nhi-credential-policy} judges it); only the findings no executor refuses for (admin roles, certificate
 * expiry) are the inventory's own. Pure: the clock, owners and settings come in as arguments.
 */
public final class FindingRules {

    private final InventorySettings settings;
    private final RealmPolicySettings policies;
    private final RealmLifespans lifespans;
    private final ExpirySettings expiry;
    private final CredentialPolicy credentials;

    public FindingRules(InventorySettings settings, RealmPolicySettings policies, RealmLifespans lifespans, ExpirySettings expiry,
                        CredentialPolicy credentials) {
        this.settings = settings;
        this.policies = policies;
        this.lifespans = lifespans;
        this.expiry = expiry;
        this.credentials = credentials;
    }

    public EnumSet<Finding> evaluate(ClientFacts facts, OwnerDirectory owners, Instant now) {
        EnumSet<Finding> findings = EnumSet.noneOf(Finding.class);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        add(findings, new OwnershipRules(policies.ownership()).check(facts.client().attributes(), owners, today));
        add(findings, ClassificationRules.check(facts.client().attributes()));
        OwnershipRules.checkClientId(facts.client().clientId()).ifPresent(v -> findings.add(v.finding()));
        if (usesSecret(facts)) {
            findings.add(Finding.STATIC_SECRET);
            secretLifetime(facts).map(lifetime -> lifetime.state(now)).ifPresent(state -> {
                if (state == SecretLifetime.State.EXPIRING) {
                    findings.add(Finding.SECRET_EXPIRING);
                } else if (state == SecretLifetime.State.EXPIRED) {
                    findings.add(Finding.SECRET_EXPIRED);
                }
            });
            if (!dev.nhiguard.credentials.SecretTimes.problems(facts.client()::attribute).isEmpty()) {
                findings.add(Finding.INVALID_SECRET_TIME);
            }
            if (facts.secret() != null && facts.secret().untrusted()) {
                findings.add(Finding.UNTRUSTED_SECRET);
            }
        }
        add(findings, new MachineClientRules(policies.scope()).findings(facts.client(), lifespans, policies.lifespanCap(facts.client())));
        if (!facts.adminRoles().isEmpty()) {
            findings.add(Finding.ADMIN_ROLES);
        }
        certificateNotAfter(facts)
                .filter(notAfter -> notAfter.isBefore(now.plus(Duration.ofDays(settings.certExpiryDays()))))
                .ifPresent(notAfter -> findings.add(Finding.CERT_EXPIRING));
        if (Tier.of(facts.attribute(NhiAttributes.TIER)).atLeastHigh()) {
            add(findings, new TokenBindingRules(policies.bindingFor(facts.client())).check(facts.client()));
        }
        usage(facts, today, findings);
        return findings;
    }

    /** What real use says: never used, unused beyond the realm's unusedDays (the sweep's own rule), scopes never asked for. */
    private void usage(ClientFacts facts, LocalDate today, EnumSet<Finding> findings) {
        if (facts.lastUsed() == null) {
            findings.add(Finding.NEVER_USED);
        }
        Candidate candidate = new Candidate(facts.id(), facts.client().clientId(), facts.enabled(), facts.createdTimestamp(),
                facts.lastUsed(), null, null, null, null, null);
        if (new ExpiryRules(expiry).isUnused(candidate, today)) {
            findings.add(Finding.STALE);
        }
        if (!unusedScopes(facts, today).isEmpty()) {
            findings.add(Finding.UNUSED_SCOPE);
        }
    }

    /**
     * Optional scopes the client did not ask for within the realm's unusedDays; judged only once the client is older
     * than that window, so a new client's scopes are not flagged before it could use them.
     */
    List<String> unusedScopes(ClientFacts facts, LocalDate today) {
        UnusedWindow window = expiry.unusedWindow();
        if (!window.before(facts.createdTimestamp(), today)) {
            return List.of();
        }
        long since = window.start(today);
        return facts.client().optionalScopes().stream().filter(scope -> {
            UsageRecords.ScopeUse use = facts.scopeUses().get(scope);
            return use == null || use.lastRequested() == null || use.lastRequested() < since;
        }).toList();
    }

    private static void add(EnumSet<Finding> findings, List<FieldViolation> violations) {
        violations.forEach(v -> findings.add(v.finding()));
    }

    /** The first instant of the usage window: the realm's unusedDays back from {@code today}. */
    long usageWindowStart(LocalDate today) {
        return expiry.unusedWindow().start(today);
    }

    /**
     * The earliest expiry among the certificates the client is known by: the one registered for private_key_jwt
     * and the one last presented at the token endpoint (recorded by nhi-mtls-binding).
     */
    static Optional<Instant> certificateNotAfter(ClientFacts facts) {
        Optional<Instant> registered = RegisteredCertificate.notAfter(facts.attribute(NhiAttributes.KC_JWT_CERTIFICATE));
        Optional<Instant> presented = facts.certificate() == null ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(facts.certificate().notAfter()));
        if (registered.isPresent() && presented.isPresent()) {
            return Optional.of(registered.get().isBefore(presented.get()) ? registered.get() : presented.get());
        }
        return registered.isPresent() ? registered : presented;
    }

    static boolean usesSecret(ClientFacts facts) {
        return SharedSecrets.held(facts.client());
    }

    /** The secret's lifetime under the realm's credential policy, when the client authenticates with one and it was read. */
    Optional<SecretLifetime> secretLifetime(ClientFacts facts) {
        if (facts.secret() == null || facts.secret().issue() == null || !usesSecret(facts)) {
            return Optional.empty();
        }
        return Optional.of(SecretLifetime.ofCurrent(facts.secret().issue(), facts::attribute, credentials));
    }
}
