package dev.nhiguard.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a reviewer decides about a machine identity. */
enum ReviewDecision {
    /** Still needed, still right: the review date moves ahead by the realm's review interval. */
    ATTEST,
    /** No longer needed: disabled, its tokens revoked. */
    REVOKE,
    /** Someone else answers for it now. */
    REASSIGN,
    /** The anomaly flags were looked into and are explained: they are cleared, and blocked tokens flow again. */
    CLEAR_ANOMALY;

    /** Decisions for the named owner and admins only, not every member of the owning group. */
    boolean namedOwnerOnly() {
        return this == REASSIGN || this == CLEAR_ANOMALY;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Exactly as the API names it: a decision that reads differently to a proxy, a log or a person is no decision. */
    static Optional<ReviewDecision> parse(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(d -> d.label().equals(value)).findFirst();
    }
}
