package dev.nhiguard.binding;

import dev.nhiguard.shared.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Arrays;
import java.util.List;

/** Client policy executor: tokens bound to the client's TLS certificate (RFC 8705) and key-based client authentication. */
public class TokenBindingExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-mtls-binding";
    public static final String ALLOWED_AUTH_METHODS = "allowed-auth-methods";
    public static final String AUTO_CONFIGURE = "auto-configure";

    private static final List<String> METHOD_NAMES = Arrays.stream(KeyBoundAuthMethod.values()).map(KeyBoundAuthMethod::oauthName).toList();

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = withMode(ProviderConfigurationBuilder.create()
            .property().name(ALLOWED_AUTH_METHODS).label("Allowed client authentication").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(METHOD_NAMES).defaultValue(String.join("##", METHOD_NAMES))
            .helpText("Client authentication methods tied to a key: tls_client_auth (X.509 certificate) and private_key_jwt (signed JWT).")
            .add()
            .property().name(AUTO_CONFIGURE).label("Auto-configure").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
            .helpText("When a client is created or updated, switch certificate-bound tokens on instead of refusing the client.")
            .add()
            .build());

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
        return "NHI Guard: certificate-bound access tokens (RFC 8705) with key-based client authentication; at the token "
                + "endpoint a client_credentials request must present the client's certificate.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
