package dev.nhiguard.credentials;

import dev.nhiguard.store.SecretRecords;

/**
 * What is known of one shared secret: when it was issued, and how that is known ({@code keycloak}: Keycloak recorded its
 * creation; {@code first-seen}: it came without one, and the pack first saw it then), and from when the pack vouches
 * the secret existed ({@code knownFrom}), which a secret-free tier's start is compared with. Keycloak's creation time is
 * an attribute anyone who may write the client can set, so it may make a secret older (its lifetime shorter), never
 * vouch for it: a secret met while the pack serves is known from that moment; only a secret found at start-up (realm
 * JSON imported then, a realm the pack meets for the first time) is known from Keycloak's record. {@code replacedAt}:
 * when the pack saw another secret become the client's current one (null while this one is). Pure.
 */
public record SecretIssue(long issuedAt, String issuedFrom, long knownFrom, Long replacedAt) {

    public static final String KEYCLOAK = "keycloak";
    public static final String FIRST_SEEN = "first-seen";

    /**
     * A secret the pack meets for the first time.
     *
     * @param keycloakCreated Keycloak's {@code client.secret.creation.time} (epoch seconds), null when absent or unreadable
     * @param now             epoch milliseconds
     * @param serving         the pack serves requests already (false during start-up, before its first census ends)
     */
    public static SecretIssue firstSight(Long keycloakCreated, long now, boolean serving) {
        boolean older = keycloakCreated != null && keycloakCreated * 1000 <= now;
        long issuedAt = older ? keycloakCreated * 1000 : now;
        return new SecretIssue(issuedAt, older ? KEYCLOAK : FIRST_SEEN, serving ? now : issuedAt, null);
    }

    /** The same secret, older if Keycloak's creation time now says so (an import that carries it); the pack's vouching never moves. */
    public SecretIssue olderBy(Long keycloakCreated) {
        if (keycloakCreated == null || keycloakCreated * 1000 >= issuedAt) {
            return this;
        }
        return new SecretIssue(keycloakCreated * 1000, KEYCLOAK, knownFrom, replacedAt);
    }

    public static SecretIssue of(SecretRecords.Recorded recorded) {
        return new SecretIssue(recorded.issuedAt(), recorded.issuedFrom(), recorded.knownFrom(), recorded.replacedAt());
    }

    public SecretRecords.Recorded toRecord() {
        return new SecretRecords.Recorded(issuedAt, issuedFrom, knownFrom, replacedAt);
    }

    /** Keycloak's creation (or expiration) time as it stores it (epoch seconds in a string); null when absent or no time ({@link SecretTimes}). */
    public static Long keycloakCreated(String attribute) {
        return SecretTimes.read(attribute);
    }
}
