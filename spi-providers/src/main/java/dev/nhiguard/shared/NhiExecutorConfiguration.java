package dev.nhiguard.shared;

import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** What every pack executor's options share: the {@code mode} option. */
public abstract class NhiExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    /** The executor's mode; never throws (an unreadable value enforces, and the save refuses it). */
    public EnforcementMode mode() {
        return EnforcementMode.read(new OptionReader("mode", getConfigAsMap()));
    }
}
