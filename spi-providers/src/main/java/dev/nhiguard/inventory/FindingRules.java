package dev.nhiguard.inventory;

import dev.nhiguard.classification.Tier;
import dev.nhiguard.scope.ScopeNames;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.OwnerState;
import dev.nhiguard.shared.ReviewDate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns the facts about one client into findings. Pure: the clock and owner state come in as arguments. */
public final class FindingRules {

    static final Set<String> SECRET_AUTHENTICATORS = Set.of("client-secret", "client-secret-jwt");

    private final InventorySettings settings;

    public FindingRules(InventorySettings settings) {
        this.settings = settings;
    }

    public EnumSet<Finding> evaluate(ClientFacts facts, OwnerState ownerState, Instant now) {
        EnumSet<Finding> findings = EnumSet.noneOf(Finding.class);
        String owner = facts.attributes().get(NhiAttributes.OWNER);
        if (owner == null || owner.isBlank()) {
            findings.add(Finding.NO_OWNER);
        } else if (ownerState == OwnerState.DISABLED) {
            findings.add(Finding.OWNER_DISABLED);
        } else if (ownerState == OwnerState.MISSING) {
            findings.add(Finding.OWNER_MISSING);
        }
        String purpose = facts.attributes().get(NhiAttributes.PURPOSE);
        if (purpose == null || purpose.isBlank()) {
            findings.add(Finding.NO_PURPOSE);
        }
        Optional<LocalDate> reviewBy = ReviewDate.parse(facts.attributes().get(NhiAttributes.REVIEW_BY));
        if (reviewBy.isEmpty()) {
            findings.add(Finding.NO_REVIEW_DATE);
        } else if (isOverdue(reviewBy.get(), now)) {
            findings.add(Finding.REVIEW_OVERDUE);
        }
        if (usesSecret(facts)) {
            findings.add(Finding.SECRET_AUTH);
            secretAge(facts, now)
                    .filter(age -> age.toDays() > settings.oldSecretDays())
                    .ifPresent(age -> findings.add(Finding.OLD_SECRET));
        }
        if (facts.fullScopeAllowed()) {
            findings.add(Finding.FULL_SCOPE_ALLOWED);
        }
        if (facts.defaultScopes().stream().anyMatch(scope -> !settings.allowedDefaultScopes().contains(scope))) {
            findings.add(Finding.DEFAULT_SCOPES);
        }
        if (!facts.adminRoles().isEmpty()) {
            findings.add(Finding.ADMIN_ROLES);
        }
        if (hasBroadScope(facts)) {
            findings.add(Finding.BROAD_SCOPE);
        }
        if (facts.accessTokenLifespan() > settings.maxTokenLifespan()) {
            findings.add(Finding.LONG_TOKEN_LIFETIME);
        }
        certificateNotAfter(facts)
                .filter(notAfter -> notAfter.isBefore(now.plus(Duration.ofDays(settings.certExpiryDays()))))
                .ifPresent(notAfter -> findings.add(Finding.CERT_EXPIRING));
        if (Tier.of(facts.attributes().get(NhiAttributes.TIER)).atLeastHigh()
                && !"true".equalsIgnoreCase(facts.attributes().get(NhiAttributes.KC_CERT_BOUND_TOKENS))) {
            findings.add(Finding.UNBOUND_TOKENS);
        }
        return findings;
    }

    /** A scope the client could be given although narrower ones exist: the request it enables would be refused. */
    private boolean hasBroadScope(ClientFacts facts) {
        List<String> all = new ArrayList<>(facts.defaultScopes());
        all.addAll(facts.optionalScopes());
        return all.stream().anyMatch(scope -> !ScopeNames.narrowerThan(scope, all, settings.scopeSeparators()).isEmpty());
    }

    /**
     * The earliest expiry among the certificates the client is known by: the one registered for private_key_jwt
     * and the one last presented at the token endpoint (recorded by nhi-mtls-binding).
     */
    static Optional<Instant> certificateNotAfter(ClientFacts facts) {
        Optional<Instant> registered = RegisteredCertificate.notAfter(facts.attributes().get(NhiAttributes.KC_JWT_CERTIFICATE));
        Optional<Instant> presented = parseInstant(facts.attributes().get(NhiAttributes.CERT_NOT_AFTER));
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

    static boolean isOverdue(LocalDate reviewBy, Instant now) {
        return reviewBy.isBefore(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC));
    }

    static boolean usesSecret(ClientFacts facts) {
        return SECRET_AUTHENTICATORS.contains(facts.authenticatorType());
    }

    /** Keycloak records the secret's creation in epoch seconds; clients from before it did so have no age. */
    static Optional<Instant> secretCreatedAt(ClientFacts facts) {
        String created = facts.attributes().get(NhiAttributes.KC_SECRET_CREATION_TIME);
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
