package dev.nhiguard.binding;

import java.util.List;

/** Options of the {@code nhi-mtls-binding} executor. */
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

    /** Every key-based method, certificate binding (the executor's behaviour before DPoP was offered), no auto-configure. */
    public static TokenBindingConfig defaults() {
        return new TokenBindingConfig(List.of(KeyBoundAuthMethod.values()), List.of(SenderConstraint.MTLS), false);
    }
}
