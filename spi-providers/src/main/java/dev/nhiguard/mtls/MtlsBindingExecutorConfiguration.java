package dev.nhiguard.mtls;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        return allowedAuthMethods == null
                || !allowedAuthMethods.isEmpty() && allowedAuthMethods.stream().allMatch(m -> KeyBoundAuthMethod.byOauthName(m).isPresent());
    }

    MtlsBindingConfig toConfig() {
        MtlsBindingConfig defaults = MtlsBindingConfig.defaults();
        return new MtlsBindingConfig(
                allowedAuthMethods == null ? defaults.allowedAuthMethods()
                        : allowedAuthMethods.stream().map(m -> KeyBoundAuthMethod.byOauthName(m).orElseThrow()).toList(),
                autoConfigure != null ? autoConfigure : defaults.autoConfigure());
    }
}
