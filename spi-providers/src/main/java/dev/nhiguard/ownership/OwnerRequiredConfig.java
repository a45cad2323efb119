package dev.nhiguard.ownership;

/** Options of the {@code nhi-owner-required} executor, with the defaults documented in docs/configure.md. */
public record OwnerRequiredConfig(int maxReviewDays, boolean reviewDateRequired, boolean enforceOnTokenRequest) {

    public static final int DEFAULT_MAX_REVIEW_DAYS = 365;

    /** The stricter of two configurations: the shorter review horizon, and every requirement either one makes. */
    public OwnerRequiredConfig strictest(OwnerRequiredConfig other) {
        return new OwnerRequiredConfig(Math.min(maxReviewDays, other.maxReviewDays),
                reviewDateRequired || other.reviewDateRequired, enforceOnTokenRequest || other.enforceOnTokenRequest);
    }

    public static OwnerRequiredConfig fromJson(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? defaults()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, OwnerRequiredExecutorConfiguration.class).toConfig();
    }

    public static OwnerRequiredConfig defaults() {
        return new OwnerRequiredConfig(DEFAULT_MAX_REVIEW_DAYS, true, true);
    }
}
