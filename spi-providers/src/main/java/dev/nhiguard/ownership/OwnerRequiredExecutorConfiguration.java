package dev.nhiguard.ownership;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** The executor's options as stored in a client profile; absent values fall back to the defaults. */
public class OwnerRequiredExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    static final int MAX_ALLOWED_REVIEW_DAYS = 3650;

    @JsonProperty(OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS)
    private Integer maxReviewDays;

    @JsonProperty(OwnerRequiredExecutorFactory.REVIEW_DATE_REQUIRED)
    private Boolean reviewDateRequired;

    public Integer getMaxReviewDays() {
        return maxReviewDays;
    }

    public void setMaxReviewDays(Integer maxReviewDays) {
        this.maxReviewDays = maxReviewDays;
    }

    public Boolean getReviewDateRequired() {
        return reviewDateRequired;
    }

    public void setReviewDateRequired(Boolean reviewDateRequired) {
        this.reviewDateRequired = reviewDateRequired;
    }

    @Override
    public boolean validateConfig() {
        return maxReviewDays == null || (maxReviewDays >= 1 && maxReviewDays <= MAX_ALLOWED_REVIEW_DAYS);
    }

    OwnerRequiredConfig toConfig() {
        OwnerRequiredConfig defaults = OwnerRequiredConfig.defaults();
        return new OwnerRequiredConfig(
                maxReviewDays != null ? maxReviewDays : defaults.maxReviewDays(),
                reviewDateRequired != null ? reviewDateRequired : defaults.reviewDateRequired());
    }
}
