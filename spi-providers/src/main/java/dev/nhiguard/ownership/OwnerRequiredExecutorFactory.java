package dev.nhiguard.ownership;

import org.keycloak.models.KeycloakSessionFactory;

import dev.nhiguard.shared.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;

/** Client policy executor that refuses service-account clients without an accountable owner. */
public class OwnerRequiredExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-owner-required";
    public static final String MAX_REVIEW_DAYS = "max-review-days";
    public static final String REVIEW_DATE_REQUIRED = "review-date-required";
    public static final String ENFORCE_ON_TOKEN_REQUEST = "enforce-on-token-request";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = withMode(ProviderConfigurationBuilder.create()
            .property()
            .name(MAX_REVIEW_DAYS)
            .label("Maximum review horizon (days)")
            .helpText("How far ahead nhi.review-by may lie, in days (1 to 3650). Owners must re-attest at least this often.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(OwnerRequiredConfig.DEFAULT_MAX_REVIEW_DAYS)
            .add()
            .property()
            .name(REVIEW_DATE_REQUIRED)
            .label("Review date required")
            .helpText("When on, a service-account client must carry nhi.review-by. When off, a review date is checked only if present.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(true)
            .add()
            .property()
            .name(ENFORCE_ON_TOKEN_REQUEST)
            .label("Enforce on token requests")
            .helpText("When on, a service-account client whose stored ownership breaks these rules gets no token, whatever the grant: "
                    + "partial import, realm import and direct database changes never pass through a client save. Switch off only "
                    + "while bringing existing clients into line; the inventory lists them.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(true)
            .add()
            .build());

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new OwnerRequiredExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: a service-account client must name an active owner (nhi.owner), a purpose (nhi.purpose) "
                + "and a review date (nhi.review-by) when it is created or updated, and to get a token.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        CompliantOwnershipMemo.listen(factory);
    }
}
