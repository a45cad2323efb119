package dev.nhiguard.credentials;

import java.time.Instant;

/**
 * One shared secret a client may authenticate with, as a rule judges it: its stored value (or vault reference), what
 * the pack recorded of it ({@code issue}: null when it never saw the client hold it as its secret), the expiry
 * Keycloak's own rotation set for it (null when none) and, for a previous secret, until when the pack vouches for it
 * ({@code trustedUntil}: the realm's rotation grace from when the pack saw it replaced; null for the current secret). Pure.
 */
public record SecretInUse(String value, SecretIssue issue, Long keycloakExpiration, Instant trustedUntil) {

    /** The mask Keycloak writes in place of every secret in a partial export: a value anyone can read in its source. */
    public static final String EXPORT_MASK = "**********";

    /** The client's current secret. */
    public static SecretInUse current(String value, SecretIssue issue, Long keycloakExpiration) {
        return new SecretInUse(value, issue, keycloakExpiration, null);
    }

    /**
     * A previous secret Keycloak's rotation still accepts: vouched for during the realm's rotation grace from when the
     * pack saw it replaced, never when the pack never saw it replaced (nor held).
     */
    public static SecretInUse previous(String value, SecretIssue issue, java.time.Duration grace) {
        Instant until = issue == null || issue.replacedAt() == null ? Instant.EPOCH : Instant.ofEpochMilli(issue.replacedAt()).plus(grace);
        return new SecretInUse(value, issue, null, until);
    }

    /**
     * Whether the pack may not vouch for the secret: the export mask (an exported client imported back as it was), a
     * secret the client was never seen to hold, or a previous secret past its rotation's grace (written back by hand).
     */
    public boolean untrusted(Instant now) {
        return issue == null || EXPORT_MASK.equals(value) || trustedUntil != null && now.isAfter(trustedUntil);
    }
}
