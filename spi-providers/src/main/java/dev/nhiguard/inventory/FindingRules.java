package dev.nhiguard.inventory;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.mtls.MtlsBindingRules;
import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.OwnershipRules;
import dev.nhiguard.scope.MachineClientRules;
import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmLifespans;

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
 * options the realm's policies give them; only the findings no executor refuses for (secret age, admin roles,
 * certificate expiry) are the inventory's own. Pure: the clock, owners and settings come in as arguments.
 */
public final class FindingRules {

    static final Set<String> SECRET_AUTHENTICATORS = Set.of("client-secret", "client-secret-jwt");

    private final InventorySettings settings;
    private final RealmPolicySettings policies;
    private final RealmLifespans lifespans;

    public FindingRules(InventorySettings settings, RealmPolicySettings policies, RealmLifespans lifespans) {
        this.settings = settings;
        this.policies = policies;
        this.lifespans = lifespans;
    }

    public EnumSet<Finding> evaluate(ClientFacts facts, OwnerDirectory owners, Instant now) {
        EnumSet<Finding> findings = EnumSet.noneOf(Finding.class);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        add(findings, new OwnershipRules(policies.ownership()).check(facts.client().attributes(), owners, today));
        add(findings, ClassificationRules.check(facts.client().attributes()));
        if (usesSecret(facts)) {
            findings.add(Finding.SECRET_AUTH);
            secretAge(facts, now)
                    .filter(age -> age.toDays() > settings.oldSecretDays())
                    .ifPresent(age -> findings.add(Finding.OLD_SECRET));
        }
        add(findings, new MachineClientRules(policies.scope()).findings(facts.client(), lifespans, policies.lifespanCap(facts.client())));
        if (!facts.adminRoles().isEmpty()) {
            findings.add(Finding.ADMIN_ROLES);
        }
        certificateNotAfter(facts)
                .filter(notAfter -> notAfter.isBefore(now.plus(Duration.ofDays(settings.certExpiryDays()))))
                .ifPresent(notAfter -> findings.add(Finding.CERT_EXPIRING));
        if (Tier.of(facts.attribute(NhiAttributes.TIER)).atLeastHigh()) {
            add(findings, new MtlsBindingRules(policies.binding()).check(facts.client()));
        }
        return findings;
    }

    private static void add(EnumSet<Finding> findings, List<FieldViolation> violations) {
        violations.forEach(v -> findings.add(v.finding()));
    }

    /**
     * The earliest expiry among the certificates the client is known by: the one registered for private_key_jwt
     * and the one last presented at the token endpoint (recorded by nhi-mtls-binding).
     */
    static Optional<Instant> certificateNotAfter(ClientFacts facts) {
        Optional<Instant> registered = RegisteredCertificate.notAfter(facts.attribute(NhiAttributes.KC_JWT_CERTIFICATE));
        Optional<Instant> presented = parseInstant(facts.attribute(NhiAttributes.CERT_NOT_AFTER));
        if (registered.isPresent() && presented.isPresent()) {
            return Optional.of(registered.get().isBefore(presented.get()) ? registered.get() : presented.get());
        }
        return registered.isPresent() ? registered : presented;
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Instant.parse(value.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean usesSecret(ClientFacts facts) {
        return SECRET_AUTHENTICATORS.contains(facts.client().authenticatorType());
    }

    /** Keycloak records the secret's creation in epoch seconds; clients from before it did so have no age. */
    static Optional<Instant> secretCreatedAt(ClientFacts facts) {
        String created = facts.attribute(NhiAttributes.KC_SECRET_CREATION_TIME);
        if (created == null || created.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(created.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> secretAge(ClientFacts facts, Instant now) {
        return secretCreatedAt(facts).map(created -> created.isAfter(now) ? Duration.ZERO : Duration.between(created, now));
    }
}
