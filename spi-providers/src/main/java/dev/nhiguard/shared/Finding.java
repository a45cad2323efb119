package dev.nhiguard.inventory;

/** Stable risk codes of the inventory. Codes never change meaning; new risks get new codes. */
public enum Finding {
    NO_OWNER,
    OWNER_DISABLED,
    OWNER_MISSING,
    NO_PURPOSE,
    NO_REVIEW_DATE,
    REVIEW_OVERDUE,
    SECRET_AUTH,
    OLD_SECRET,
    FULL_SCOPE_ALLOWED,
    DEFAULT_SCOPES,
    ADMIN_ROLES,
    BROAD_SCOPE,
    LONG_TOKEN_LIFETIME,
    CERT_EXPIRING,
    UNBOUND_TOKENS
}
