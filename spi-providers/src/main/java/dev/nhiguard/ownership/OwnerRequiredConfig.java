package dev.nhiguard.ownership;

/** Options of the {@code nhi-owner-required} executor, with the defaults documented in the README. */
public record OwnerRequiredConfig(int maxReviewDays, boolean reviewDateRequired) {

    public static final int DEFAULT_MAX_REVIEW_DAYS = 365;

    public static OwnerRequiredConfig defaults() {
        return new OwnerRequiredConfig(DEFAULT_MAX_REVIEW_DAYS, true);
    }
}
