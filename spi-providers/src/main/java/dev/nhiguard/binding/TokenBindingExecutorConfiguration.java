package dev.nhiguard.binding;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorConfiguration;
import dev.nhiguard.policy.OptionReader;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The executor's options, each in one place (name, default, range, what the console shows), as stored in a client
 * profile: a wrong type, an unknown value or name is refused when the profile is saved; an absent one reads as its default.
 */
public class TokenBindingExecutorConfiguration extends NhiExecutorConfiguration {

    private static final List<String> METHOD_NAMES = Arrays.stream(KeyBoundAuthMethod.values()).map(KeyBoundAuthMethod::oauthName).toList();
    private static final List<String> CONSTRAINT_NAMES = Arrays.stream(SenderConstraint.values()).map(SenderConstraint::label).toList();

    static final ExecutorOption<List<String>> ALLOWED_AUTH_METHODS = ExecutorOption.someOf("allowed-auth-methods", METHOD_NAMES, METHOD_NAMES)
            .shown("Allowed client authentication", "Client authentication methods tied to a key: tls_client_auth (X.509 certificate), private_key_jwt (a JWT the "
                    + "client signs) and federated-jwt (a JWT from an issuer the realm trusts, such as a Kubernetes service-account token).");
    /** Certificate binding: the executor's behaviour before DPoP was offered. */
    static final ExecutorOption<List<String>> SENDER_CONSTRAINTS = ExecutorOption.someOf("sender-constraints",
                    List.of(SenderConstraint.MTLS.label()), CONSTRAINT_NAMES)
            .shown("Sender constraints", "What a client's tokens may be bound to: mtls (its TLS certificate, RFC 8705) and dpop (a DPoP key, RFC 9449). "
                    + "A client uses one of them, never both.");
    static final ExecutorOption<Boolean> AUTO_CONFIGURE = ExecutorOption.flag("auto-configure", false)
            .shown("Auto-configure", "When a client is created or updated without a binding, switch on the first sender constraint instead of "
                    + "refusing the client.");
    static final List<ExecutorOption<?>> OPTIONS = List.of(ALLOWED_AUTH_METHODS, SENDER_CONSTRAINTS, AUTO_CONFIGURE);

    @Override
    public boolean validateConfig() {
        return ExecutorOption.validate(TokenBindingExecutorFactory.PROVIDER_ID, getConfigAsMap(), OPTIONS);
    }

    /**
     * Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}, so an
     * unknown method or constraint is skipped here and refused there.
     */
    TokenBindingConfig toConfig() {
        OptionReader options = new OptionReader(TokenBindingExecutorFactory.PROVIDER_ID, getConfigAsMap());
        return of(ALLOWED_AUTH_METHODS.read(options), SENDER_CONSTRAINTS.read(options), AUTO_CONFIGURE.read(options));
    }

    static TokenBindingConfig of(List<String> methods, List<String> constraints, boolean autoConfigure) {
        return new TokenBindingConfig(methods.stream().map(KeyBoundAuthMethod::byOauthName).flatMap(Optional::stream).toList(),
                constraints.stream().map(SenderConstraint::byLabel).flatMap(Optional::stream).distinct().toList(), autoConfigure);
    }
}
