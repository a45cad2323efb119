package dev.nhiguard.mtls;

import java.util.List;

/** Options of the {@code nhi-mtls-binding} executor. */
public record MtlsBindingConfig(List<KeyBoundAuthMethod> allowedAuthMethods, boolean autoConfigure) {

    public static MtlsBindingConfig defaults() {
        return new MtlsBindingConfig(List.of(KeyBoundAuthMethod.values()), false);
    }
}
