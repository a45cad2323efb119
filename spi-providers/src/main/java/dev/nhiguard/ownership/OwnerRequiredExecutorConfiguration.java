package dev.nhiguard.ownership;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nhiguard.shared.InvalidOption;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** The executor's options as stored in a client profile; absent values fall back to the defaults. */
public class OwnerRequiredExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    static final int MAX_ALLOWED_REVIEW_DAYS = 3650;

    @JsonProperty(OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS)
    private Integer maxReviewDays;

    @JsonProperty(OwnerRequiredExecutorFactory.REVIEW_DATE_REQUIRED)
    private Boolean reviewDateRequired;

    @JsonProperty(OwnerRequiredExecutorFactory.ENFORCE_ON_TOKEN_REQUEST)
    private Boolean enforceOnTokenRequest;

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

    public Boolean getEnforceOnTokenRequest() {
        return enforceOnTokenRequest;
    }

    public void setEnforceOnTokenRequest(Boolean enforceOnTokenRequest) {
        this.enforceOnTokenRequest = enforceOnTokenRequest;
    }

    @Override
    public boolean validateConfig() {
        return new InvalidOption(OwnerRequiredExecutorFactory.PROVIDER_ID)
                .check(maxReviewDays == null || maxReviewDays >= 1 && maxReviewDays <= MAX_ALLOWED_REVIEW_DAYS,
                        OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS, "nhiOptionRange", 1, MAX_ALLOWED_REVIEW_DAYS)
                .validOrRefuse();
    }

    OwnerRequiredConfig toConfig() {
        OwnerRequiredConfig defaults = OwnerRequiredConfig.defaults();
        return new OwnerRequiredConfig(
                maxReviewDays != null ? maxReviewDays : defaults.maxReviewDays(),
                reviewDateRequired != null ? reviewDateRequired : defaults.reviewDateRequired(),
                enforceOnTokenRequest != null ? enforceOnTokenRequest : defaults.enforceOnTokenRequest());
    }
}
