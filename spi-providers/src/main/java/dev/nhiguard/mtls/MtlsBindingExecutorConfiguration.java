package dev.nhiguard.mtls;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nhiguard.shared.InvalidOption;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

import java.util.List;

/** The executor's options as stored in a client profile; absent values fall back to the defaults. */
public class MtlsBindingExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    @JsonProperty(MtlsBindingExecutorFactory.ALLOWED_AUTH_METHODS)
    private List<String> allowedAuthMethods;

    @JsonProperty(MtlsBindingExecutorFactory.AUTO_CONFIGURE)
    private Boolean autoConfigure;

    @Override
    public boolean validateConfig() {
        return new InvalidOption(MtlsBindingExecutorFactory.PROVIDER_ID)
                .check(allowedAuthMethods == null
                                || !allowedAuthMethods.isEmpty() && allowedAuthMethods.stream().allMatch(m -> KeyBoundAuthMethod.byOauthName(m).isPresent()),
                        MtlsBindingExecutorFactory.ALLOWED_AUTH_METHODS, "nhiOptionOneOf",
                        String.join(", ", java.util.Arrays.stream(KeyBoundAuthMethod.values()).map(KeyBoundAuthMethod::oauthName).toList()))
                .validOrRefuse();
    }

    /**
     * Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}, so an
     * unknown method is skipped here and refused there.
     */
    MtlsBindingConfig toConfig() {
        MtlsBindingConfig defaults = MtlsBindingConfig.defaults();
        List<KeyBoundAuthMethod> methods = allowedAuthMethods == null ? List.of()
                : allowedAuthMethods.stream().map(KeyBoundAuthMethod::byOauthName).flatMap(java.util.Optional::stream).toList();
        return new MtlsBindingConfig(
                methods.isEmpty() ? defaults.allowedAuthMethods() : methods,
                autoConfigure != null ? autoConfigure : defaults.autoConfigure());
    }
}
