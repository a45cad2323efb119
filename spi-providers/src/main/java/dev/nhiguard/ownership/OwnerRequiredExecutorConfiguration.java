package dev.nhiguard.ownership;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorConfiguration;
import dev.nhiguard.policy.OptionReader;

import java.util.List;

/**
 * The executor's options, each in one place (name, default, range, what the console shows), as stored in a client
 * profile: a wrong type, a value out of range or an unknown name is refused when the profile is saved; an absent one
 * reads as its default.
 */
public class OwnerRequiredExecutorConfiguration extends NhiExecutorConfiguration {

    static final ExecutorOption<Integer> MAX_REVIEW_DAYS = ExecutorOption.number("max-review-days", 365, 1, 3650)
            .shown("Maximum review horizon (days)", "How far ahead nhi.review-by may lie, in days (1 to 3650). Owners must re-attest at least this often.");
    static final ExecutorOption<Boolean> REVIEW_DATE_REQUIRED = ExecutorOption.flag("review-date-required", true)
            .shown("Review date required", "When on, a service-account client must carry nhi.review-by. When off, a review date is checked only if present.");
    static final ExecutorOption<Boolean> ENFORCE_ON_TOKEN_REQUEST = ExecutorOption.flag("enforce-on-token-request", true)
            .shown("Enforce on token requests", "When on, a service-account client whose stored ownership breaks these rules gets no token, whatever the grant: "
                    + "partial import, realm import and direct database changes never pass through a client save. Switch off only "
                    + "while bringing existing clients into line; the inventory lists them.");
    static final List<ExecutorOption<?>> OPTIONS = List.of(MAX_REVIEW_DAYS, REVIEW_DATE_REQUIRED, ENFORCE_ON_TOKEN_REQUEST);

    @Override
    public boolean validateConfig() {
        return ExecutorOption.validate(OwnerRequiredExecutorFactory.PROVIDER_ID, getConfigAsMap(), OPTIONS);
    }

    /** Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}. */
    OwnerRequiredConfig toConfig() {
        OptionReader options = new OptionReader(OwnerRequiredExecutorFactory.PROVIDER_ID, getConfigAsMap());
        return new OwnerRequiredConfig(MAX_REVIEW_DAYS.read(options), REVIEW_DATE_REQUIRED.read(options), ENFORCE_ON_TOKEN_REQUEST.read(options));
    }
}
