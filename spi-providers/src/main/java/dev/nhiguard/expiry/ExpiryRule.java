package dev.nhiguard.expiry;

/** Why a machine identity is due to expire. */
public enum ExpiryRule {
    /** No token issued for longer than unusedDays (a client never used counts from its creation). */
    UNUSED,
    /** Its review date passed more than reviewGraceDays ago. */
    REVIEW_OVERDUE,
    /** Its owner has been disabled, deleted or unnamed for longer than ownerGraceDays. */
    OWNER_GONE
}
