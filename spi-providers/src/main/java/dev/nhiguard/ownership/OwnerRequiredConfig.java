package dev.nhiguard.ownership;

/** The options of {@code nhi-owner-required} as its rules read them; what each is, in {@link OwnerRequiredExecutorConfiguration}. */
public record OwnerRequiredConfig(int maxReviewDays, boolean reviewDateRequired, boolean enforceOnTokenRequest) {

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
        return new OwnerRequiredConfig(OwnerRequiredExecutorConfiguration.MAX_REVIEW_DAYS.defaultValue(),
                OwnerRequiredExecutorConfiguration.REVIEW_DATE_REQUIRED.defaultValue(),
                OwnerRequiredExecutorConfiguration.ENFORCE_ON_TOKEN_REQUEST.defaultValue());
    }
}
