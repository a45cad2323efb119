package dev.nhiguard.ownership;

import dev.nhiguard.shared.OptionReader;
import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiExecutorConfiguration;

import java.util.Set;

/**
 * The executor's options as stored in a client profile; absent values fall back to the defaults. Every option is
 * read through {@link OptionReader}, so a wrong type or an unknown name is refused when the profile is saved.
 */
public class OwnerRequiredExecutorConfiguration extends NhiExecutorConfiguration {

    static final int MAX_ALLOWED_REVIEW_DAYS = 3650;
    private static final Set<String> OPTIONS = Set.of(OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS,
            OwnerRequiredExecutorFactory.REVIEW_DATE_REQUIRED, OwnerRequiredExecutorFactory.ENFORCE_ON_TOKEN_REQUEST,
            EnforcementMode.OPTION);

    private OptionReader reader() {
        return new OptionReader(OwnerRequiredExecutorFactory.PROVIDER_ID, getConfigAsMap());
    }

    @Override
    public boolean validateConfig() {
        OptionReader options = reader().allowOnly(OPTIONS);
        Integer maxReviewDays = options.integer(OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS);
        options.bool(OwnerRequiredExecutorFactory.REVIEW_DATE_REQUIRED);
        options.bool(OwnerRequiredExecutorFactory.ENFORCE_ON_TOKEN_REQUEST);
        EnforcementMode.read(options);
        return options.problems()
                .check(maxReviewDays == null || maxReviewDays >= 1 && maxReviewDays <= MAX_ALLOWED_REVIEW_DAYS,
                        OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS, "nhiOptionRange", 1, MAX_ALLOWED_REVIEW_DAYS)
                .validOrRefuse();
    }

    /** Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}. */
    OwnerRequiredConfig toConfig() {
        OwnerRequiredConfig defaults = OwnerRequiredConfig.defaults();
        OptionReader options = reader();
        Integer maxReviewDays = options.integer(OwnerRequiredExecutorFactory.MAX_REVIEW_DAYS);
        Boolean reviewDateRequired = options.bool(OwnerRequiredExecutorFactory.REVIEW_DATE_REQUIRED);
        Boolean enforceOnTokenRequest = options.bool(OwnerRequiredExecutorFactory.ENFORCE_ON_TOKEN_REQUEST);
        return new OwnerRequiredConfig(
                maxReviewDays != null ? maxReviewDays : defaults.maxReviewDays(),
                reviewDateRequired != null ? reviewDateRequired : defaults.reviewDateRequired(),
                enforceOnTokenRequest != null ? enforceOnTokenRequest : defaults.enforceOnTokenRequest());
    }
}
