package dev.nhiguard.binding;

import java.util.List;

/** The options of {@code nhi-mtls-binding} as its rules read them; what each is, in {@link TokenBindingExecutorConfiguration}. */
public record TokenBindingConfig(List<KeyBoundAuthMethod> allowedAuthMethods, List<SenderConstraint> senderConstraints,
                                 boolean autoConfigure) {

    /** The stricter of two configurations: only the methods and constraints both allow (never none). */
    public TokenBindingConfig strictest(TokenBindingConfig other) {
        List<KeyBoundAuthMethod> methods = allowedAuthMethods.stream().filter(other.allowedAuthMethods::contains).toList();
        List<SenderConstraint> constraints = senderConstraints.stream().filter(other.senderConstraints::contains).toList();
        return new TokenBindingConfig(methods.isEmpty() ? allowedAuthMethods : methods,
                constraints.isEmpty() ? senderConstraints : constraints, autoConfigure && other.autoConfigure);
    }

    public boolean accepts(SenderConstraint constraint) {
        return senderConstraints.contains(constraint);
    }

    public static TokenBindingConfig fromJson(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? defaults()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, TokenBindingExecutorConfiguration.class).toConfig();
    }

    public static TokenBindingConfig defaults() {
        return TokenBindingExecutorConfiguration.of(TokenBindingExecutorConfiguration.ALLOWED_AUTH_METHODS.defaultValue(),
                TokenBindingExecutorConfiguration.SENDER_CONSTRAINTS.defaultValue(), TokenBindingExecutorConfiguration.AUTO_CONFIGURE.defaultValue());
    }
}
