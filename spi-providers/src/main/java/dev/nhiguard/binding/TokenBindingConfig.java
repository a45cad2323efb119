package dev.nhiguard.binding;

import java.util.List;

/** Options of the {@code nhi-mtls-binding} executor. */
public record TokenBindingConfig(List<KeyBoundAuthMethod> allowedAuthMethods, boolean autoConfigure) {

    /** The stricter of two configurations: only the methods both allow (never none). */
    public TokenBindingConfig strictest(TokenBindingConfig other) {
        List<KeyBoundAuthMethod> both = allowedAuthMethods.stream().filter(other.allowedAuthMethods::contains).toList();
        return new TokenBindingConfig(both.isEmpty() ? allowedAuthMethods : both, autoConfigure && other.autoConfigure);
    }

    public static TokenBindingConfig fromJson(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? defaults()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, TokenBindingExecutorConfiguration.class).toConfig();
    }

    public static TokenBindingConfig defaults() {
        return new TokenBindingConfig(List.of(KeyBoundAuthMethod.values()), false);
    }
}
