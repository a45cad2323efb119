package dev.nhiguard.binding;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Arrays;
import java.util.List;

/**
 * Client policy executor: tokens bound to the client's TLS certificate (RFC 8705) or a DPoP key (RFC 9449), and client
 * authentication with a key instead of a shared secret.
 */
public class TokenBindingExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-mtls-binding";
    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES =
            withMode(ExecutorOption.properties(TokenBindingExecutorConfiguration.OPTIONS));

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new TokenBindingExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: access tokens bound to a key the client holds, its TLS certificate (RFC 8705) or a DPoP key "
                + "(RFC 9449), with key-based or federated client authentication; every token request must prove the key.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
