package dev.nhiguard.binding;

import dev.nhiguard.shared.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Arrays;
import java.util.List;

/**
 * Client policy executor: tokens bound to the client's TLS certificate (RFC 8705) or a DPoP key (RFC 9449), and client
 * authentication with a key instead of a shared secret.
 */
public class TokenBindingExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-mtls-binding";
    public static final String ALLOWED_AUTH_METHODS = "allowed-auth-methods";
    public static final String SENDER_CONSTRAINTS = "sender-constraints";
    public static final String AUTO_CONFIGURE = "auto-configure";

    private static final List<String> METHOD_NAMES = Arrays.stream(KeyBoundAuthMethod.values()).map(KeyBoundAuthMethod::oauthName).toList();
    private static final List<String> CONSTRAINT_NAMES = Arrays.stream(SenderConstraint.values()).map(SenderConstraint::label).toList();

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = withMode(ProviderConfigurationBuilder.create()
            .property().name(ALLOWED_AUTH_METHODS).label("Allowed client authentication").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(METHOD_NAMES).defaultValue(String.join("##", METHOD_NAMES))
            .helpText("Client authentication methods tied to a key: tls_client_auth (X.509 certificate), private_key_jwt (a JWT the "
                    + "client signs) and federated-jwt (a JWT from an issuer the realm trusts, such as a Kubernetes service-account token).")
            .add()
            .property().name(SENDER_CONSTRAINTS).label("Sender constraints").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(CONSTRAINT_NAMES).defaultValue(SenderConstraint.MTLS.label())
            .helpText("What a client's tokens may be bound to: mtls (its TLS certificate, RFC 8705) and dpop (a DPoP key, RFC 9449). "
                    + "A client uses one of them, never both.")
            .add()
            .property().name(AUTO_CONFIGURE).label("Auto-configure").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
            .helpText("When a client is created or updated without a binding, switch on the first sender constraint instead of "
                    + "refusing the client.")
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
        return "NHI Guard: access tokens bound to a key the client holds, its TLS certificate (RFC 8705) or a DPoP key "
                + "(RFC 9449), with key-based or federated client authentication; every token request must prove the key.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
