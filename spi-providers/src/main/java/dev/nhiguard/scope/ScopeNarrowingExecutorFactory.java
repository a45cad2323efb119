package dev.nhiguard.scope;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;

/** Client policy executor that makes client_credentials tokens carry only what was asked for and allowed. */
public class ScopeNarrowingExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-scope-narrowing";
    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES =
            withMode(ExecutorOption.properties(ScopeNarrowingExecutorConfiguration.OPTIONS));

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ScopeNarrowingExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: least-privilege client_credentials tokens. Requires an explicit, narrow scope; keeps default scopes, "
                + "full scope and refresh tokens away from machine clients; caps the token lifespan.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
