package dev.nhiguard.credentials;

import dev.nhiguard.store.SecretRecords;

/**
 * When a client's current secret was issued, and how that is known: {@code keycloak} (Keycloak recorded its creation) or
 * {@code first-seen} (it came without one, through realm JSON or an explicit secret, and the pack first saw it then).
 * Pure: {@link #decide} turns what is recorded and what is stored now into the issue time and the row to write.
 */
public record SecretIssue(long issuedAt, String issuedFrom) {

    public static final String KEYCLOAK = "keycloak";
    public static final String FIRST_SEEN = "first-seen";

    /** The issue time, and the record to write when it changed (null when the row stands). */
    public record Decision(SecretIssue issue, SecretRecords.Recorded write) {
    }

    /**
     * @param recorded        the client's row, null when the pack never recorded a secret of it
     * @param fingerprint     the current secret's fingerprint
     * @param keycloakCreated Keycloak's {@code client.secret.creation.time} now (epoch seconds), null when absent or unreadable
     * @param now             epoch milliseconds
     */
    public static Decision decide(SecretRecords.Recorded recorded, String fingerprint, Long keycloakCreated, long now) {
        Long created = keycloakCreated == null ? null : Math.min(keycloakCreated * 1000, now);
        if (recorded == null) {
            return write(created != null ? new SecretIssue(created, KEYCLOAK) : new SecretIssue(now, FIRST_SEEN), fingerprint, keycloakCreated);
        }
        SecretIssue standing = new SecretIssue(recorded.issuedAt(), recorded.issuedFrom());
        if (recorded.fingerprint().equals(fingerprint)) {
            // the same secret: Keycloak's record can make it older (an import that carries the creation time), never younger
            if (created != null && !keycloakCreated.equals(recorded.keycloakCreated()) && created < recorded.issuedAt()) {
                return write(new SecretIssue(created, KEYCLOAK), fingerprint, keycloakCreated);
            }
            return new Decision(standing, null);
        }
        // another secret: Keycloak's creation time counts only if it moved on since the last one (it does when Keycloak makes
        // the secret); an explicit secret leaves the old creation time behind, so the pack's sighting is the truth then
        if (created != null && created > recorded.issuedAt()) {
            return write(new SecretIssue(created, KEYCLOAK), fingerprint, keycloakCreated);
        }
        return write(new SecretIssue(now, FIRST_SEEN), fingerprint, keycloakCreated);
    }

    private static Decision write(SecretIssue issue, String fingerprint, Long keycloakCreated) {
        return new Decision(issue, new SecretRecords.Recorded(fingerprint, issue.issuedAt(), issue.issuedFrom(), keycloakCreated));
    }

    /** Keycloak's creation time as it stores it (epoch seconds in a string); null when absent or not a number. */
    public static Long keycloakCreated(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(attribute.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
