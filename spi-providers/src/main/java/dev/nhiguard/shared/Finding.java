package dev.nhiguard.shared;

/**
 * Stable risk codes. The inventory reports them and the executors refuse with the same codes, so what the inventory
 * says about a client is what a policy will do to it. Codes never change meaning; new risks get new codes. Retired:
 * {@code SECRET_AUTH} (now {@code STATIC_SECRET}) and {@code OLD_SECRET} (now {@code SECRET_EXPIRING} and
 * {@code SECRET_EXPIRED}, judged by the realm's credential policy instead of a server-wide age); see {@link #RETIRED}.
 */
public enum Finding {
    NO_OWNER,
    OWNER_DISABLED,
    OWNER_MISSING,
    /**
     * The owner is bound to a user this Keycloak does not know and never bound (the realm came from another Keycloak):
     * not gone, but nobody's to review until an admin binds it here.
     */
    OWNER_UNVERIFIED,
    NO_PURPOSE,
    NO_REVIEW_DATE,
    REVIEW_OVERDUE,
    /** nhi.review-by, nhi.owner or nhi.purpose present but not acceptable (format, horizon, characters). */
    INVALID_OWNERSHIP,
    /** The clientId holds control, bidi or zero-width characters, or nothing visible: it could pass for another client. */
    INVALID_CLIENT_ID,
    /** It authenticates with a shared secret (sent as is or signing a JWT) instead of a key or a federated assertion. */
    STATIC_SECRET,
    /** Its secret expires within the realm's secretWarningDays (credential policy). */
    SECRET_EXPIRING,
    /** Its secret is past the realm's secretMaxAgeDays, or the expiry Keycloak's secret rotation set. */
    SECRET_EXPIRED,
    /**
     * A time Keycloak keeps of its secret (client.secret.creation.time, client.secret.expiration.time, or the rotated
     * secret's) is not epoch seconds (digits, up to the year 9999): Keycloak fails the client's authentication, or the secret's age cannot be told.
     */
    INVALID_SECRET_TIME,
    /**
     * It holds a secret the pack may not vouch for: Keycloak's previous (rotated) secret set by hand, not by a rotation,
     * or the mask a partial export writes in place of the secret.
     */
    UNTRUSTED_SECRET,
    FULL_SCOPE_ALLOWED,
    DEFAULT_SCOPES,
    ADMIN_ROLES,
    BROAD_SCOPE,
    LONG_TOKEN_LIFETIME,
    /** access.token.lifespan holds a value Keycloak reads differently from a plain number of seconds, or cannot read. */
    INVALID_TOKEN_LIFESPAN,
    /** client_credentials tokens come with refresh tokens. */
    REFRESH_TOKENS,
    /** access tokens do not carry the RFC 9068 type at+jwt. */
    UNTYPED_TOKENS,
    /** a flow or grant other than client_credentials is switched on. */
    OTHER_GRANTS,
    /** protocol mappers on the client itself add claims or audiences no requested scope accounts for. */
    CLIENT_MAPPERS,
    CERT_EXPIRING,
    UNBOUND_TOKENS,
    /** tier high or critical without client authentication tied to a key (public client, shared secret, no subject). */
    KEYLESS_AUTH,
    /** nhi.tier holds a value that is not a tier; read as critical. */
    UNKNOWN_TIER,
    /** nhi.environment is not a plain label (invisible or look-alike characters); it matches every environment a policy names. */
    INVALID_ENVIRONMENT,
    /** nhi.expiry-exempt-until or its reason is not acceptable; the sweep treats the client as not exempt. */
    INVALID_EXEMPTION,
    /** No token was ever issued to it (since usage tracking began). */
    NEVER_USED,
    /** No token issued for longer than the realm's unusedDays (a client never used counts from its creation). */
    STALE,
    /** An optional scope it holds was not asked for within the realm's unusedDays: least privilege from real use. */
    UNUSED_SCOPE,
    /** Open anomaly flag: a token request from a network not in the client's baseline. */
    NEW_NETWORK,
    /** Open anomaly flag: an hour with many times the client's usual number of token requests. */
    RATE_SPIKE,
    /** Open anomaly flag: a browser's user agent or an interactive grant with a machine identity. */
    HUMAN_USE,
    /** Open anomaly flag: many refused token requests in a few minutes (a guessed secret, say). */
    REFUSAL_BURST,
    /** Open anomaly flag: a client certificate not in the client's baseline. */
    NEW_CERTIFICATE;

    /** Codes of earlier releases, with what replaced them: a filter naming one is answered with the new code's name. */
    public static final java.util.Map<String, String> RETIRED = java.util.Map.of(
            "SECRET_AUTH", "STATIC_SECRET", "OLD_SECRET", "SECRET_EXPIRING, SECRET_EXPIRED");
}
