package dev.nhiguard.binding;

import dev.nhiguard.shared.OptionReader;
import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiExecutorConfiguration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The executor's options as stored in a client profile; absent values fall back to the defaults. Every option is
 * read through {@link OptionReader}, so a wrong type or an unknown name is refused when the profile is saved.
 */
public class TokenBindingExecutorConfiguration extends NhiExecutorConfiguration {

    private static final Set<String> OPTIONS = Set.of(TokenBindingExecutorFactory.ALLOWED_AUTH_METHODS,
            TokenBindingExecutorFactory.SENDER_CONSTRAINTS, TokenBindingExecutorFactory.AUTO_CONFIGURE, EnforcementMode.OPTION);

    private OptionReader reader() {
        return new OptionReader(TokenBindingExecutorFactory.PROVIDER_ID, getConfigAsMap());
    }

    @Override
    public boolean validateConfig() {
        OptionReader options = reader().allowOnly(OPTIONS);
        EnforcementMode.read(options);
        List<String> allowedAuthMethods = options.texts(TokenBindingExecutorFactory.ALLOWED_AUTH_METHODS);
        List<String> senderConstraints = options.texts(TokenBindingExecutorFactory.SENDER_CONSTRAINTS);
        options.bool(TokenBindingExecutorFactory.AUTO_CONFIGURE);
        return options.problems()
                .check(allowedAuthMethods == null
                                || !allowedAuthMethods.isEmpty() && allowedAuthMethods.stream().allMatch(m -> KeyBoundAuthMethod.byOauthName(m).isPresent()),
                        TokenBindingExecutorFactory.ALLOWED_AUTH_METHODS, "nhiOptionOneOf",
                        String.join(", ", Arrays.stream(KeyBoundAuthMethod.values()).map(KeyBoundAuthMethod::oauthName).toList()))
                .check(senderConstraints == null
                                || !senderConstraints.isEmpty() && senderConstraints.stream().allMatch(c -> SenderConstraint.byLabel(c).isPresent()),
                        TokenBindingExecutorFactory.SENDER_CONSTRAINTS, "nhiOptionOneOf",
                        String.join(", ", Arrays.stream(SenderConstraint.values()).map(SenderConstraint::label).toList()))
                .validOrRefuse();
    }

    /**
     * Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}, so an
     * unknown method or constraint is skipped here and refused there.
     */
    TokenBindingConfig toConfig() {
        TokenBindingConfig defaults = TokenBindingConfig.defaults();
        OptionReader options = reader();
        List<String> allowed = options.texts(TokenBindingExecutorFactory.ALLOWED_AUTH_METHODS);
        List<String> constraintNames = options.texts(TokenBindingExecutorFactory.SENDER_CONSTRAINTS);
        Boolean autoConfigure = options.bool(TokenBindingExecutorFactory.AUTO_CONFIGURE);
        List<KeyBoundAuthMethod> methods = allowed == null ? List.of()
                : allowed.stream().map(KeyBoundAuthMethod::byOauthName).flatMap(Optional::stream).toList();
        List<SenderConstraint> constraints = constraintNames == null ? List.of()
                : constraintNames.stream().map(SenderConstraint::byLabel).flatMap(Optional::stream).distinct().toList();
        return new TokenBindingConfig(
                methods.isEmpty() ? defaults.allowedAuthMethods() : methods,
                constraints.isEmpty() ? defaults.senderConstraints() : constraints,
                autoConfigure != null ? autoConfigure : defaults.autoConfigure());
    }
}
