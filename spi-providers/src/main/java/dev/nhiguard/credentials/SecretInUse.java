package dev.nhiguard.credentials;

/**
 * One shared secret a client may authenticate with, as a rule judges it: its stored value (or vault reference), what
 * the pack recorded of it ({@code issue}: null when it never saw the client hold it as its secret) and the expiry
 * Keycloak's own rotation set for it (null when none). Pure.
 */
public record SecretInUse(String value, SecretIssue issue, Long keycloakExpiration) {

    /** The mask Keycloak writes in place of every secret in a partial export: a value anyone can read in its source. */
    public static final String EXPORT_MASK = "**********";

    /**
     * Whether the pack may not vouch for the secret: the export mask (an exported client imported back as it was), or a
     * secret the client was never seen to hold as its current one (Keycloak's rotated secret written by hand).
     */
    public boolean untrusted() {
        return issue == null || EXPORT_MASK.equals(value);
    }
}
