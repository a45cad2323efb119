package dev.nhiguard.policy;

import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * A client policy refusal whose message is its description. Keycloak's dynamic client registration
 * answers a refusal with the exception's message only (as a 403 {@code insufficient_scope}); without this
 * the caller would read the bare error code instead of which attribute is wrong and why.
 */
public class DescribedPolicyException extends ClientPolicyException {

    public DescribedPolicyException(String error, String description) {
        super(error, description);
    }

    @Override
    public String getMessage() {
        return getErrorDetail();
    }
}
