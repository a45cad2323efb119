package dev.nhiguard.ownership;

import org.keycloak.models.KeycloakSessionFactory;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;

/** Client policy executor that refuses service-account clients without an accountable owner. */
public class OwnerRequiredExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-owner-required";
    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES =
            withMode(ExecutorOption.properties(OwnerRequiredExecutorConfiguration.OPTIONS));

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
