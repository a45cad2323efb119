package dev.nhiguard.policy;

import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** What every pack executor's options share: the {@code mode} option. */
public abstract class NhiExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    /** The executor's mode; never throws (an unreadable value enforces, and the save refuses it). */
    public EnforcementMode mode() {
        Object mode = getConfigAsMap().get(EnforcementMode.OPTION);
        if (mode == null) {
            return EnforcementMode.ENFORCE; // Keycloak builds executors on every client-policy event: the common case reads no further
        }
        return EnforcementMode.read(new OptionReader(EnforcementMode.OPTION, getConfigAsMap()));
    }
}
