package dev.nhiguard.mtls;

import java.util.List;

/** Options of the {@code nhi-mtls-binding} executor. */
public record MtlsBindingConfig(List<KeyBoundAuthMethod> allowedAuthMethods, boolean autoConfigure) {

    /** The stricter of two configurations: only the methods both allow (never none). */
    public MtlsBindingConfig strictest(MtlsBindingConfig other) {
        List<KeyBoundAuthMethod> both = allowedAuthMethods.stream().filter(other.allowedAuthMethods::contains).toList();
        return new MtlsBindingConfig(both.isEmpty() ? allowedAuthMethods : both, autoConfigure && other.autoConfigure);
    }

    public static MtlsBindingConfig fromJson(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? defaults()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, MtlsBindingExecutorConfiguration.class).toConfig();
    }

    public static MtlsBindingConfig defaults() {
        return new MtlsBindingConfig(List.of(KeyBoundAuthMethod.values()), false);
    }
}
