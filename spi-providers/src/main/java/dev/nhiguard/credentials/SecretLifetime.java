package dev.nhiguard.credentials;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a shared secret lives: until the realm's {@code secretMaxAgeDays} after it was issued, or until the expiry
 * Keycloak's own secret rotation set for it, whichever comes first; its owner is warned {@code secretWarningDays} before.
 * Pure.
 */
public record SecretLifetime(Instant issuedAt, Instant expiresAt, Instant warnFrom) {

    public enum State {
        OK, EXPIRING, EXPIRED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param keycloakExpiration Keycloak's {@code client.secret.expiration.time} (epoch seconds), null when it set none
     */
    /** The current secret's lifetime: issued then, under the realm's policy, or sooner where Keycloak's rotation set an expiry. */
    public static SecretLifetime ofCurrent(SecretIssue issue, java.util.function.Function<String, String> attributes, CredentialPolicy policy) {
        return of(issue, SecretIssue.keycloakCreated(attributes.apply(dev.nhiguard.shared.NhiAttributes.KC_SECRET_EXPIRATION_TIME)), policy);
    }

    public static SecretLifetime of(SecretIssue issue, Long keycloakExpiration, CredentialPolicy policy) {
        Instant issued = Instant.ofEpochMilli(issue.issuedAt());
        Instant expires = issued.plus(Duration.ofDays(policy.secretMaxAgeDays()));
        if (keycloakExpiration != null && keycloakExpiration > 0 && Instant.ofEpochSecond(keycloakExpiration).isBefore(expires)) {
            expires = Instant.ofEpochSecond(keycloakExpiration);
        }
        return new SecretLifetime(issued, expires, expires.minus(Duration.ofDays(policy.secretWarningDays())));
    }

    public State state(Instant now) {
        if (!now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return now.isBefore(warnFrom) ? State.OK : State.EXPIRING;
    }

    /** Whole days the secret has lived. */
    public long ageDays(Instant now) {
        return now.isBefore(issuedAt) ? 0 : Duration.between(issuedAt, now).toDays();
    }
}
