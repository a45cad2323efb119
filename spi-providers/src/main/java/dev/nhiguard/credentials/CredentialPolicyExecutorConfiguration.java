package dev.nhiguard.credentials;

import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiExecutorConfiguration;
import dev.nhiguard.shared.OptionReader;

import java.util.Set;

/**
 * The executor's options: only {@code mode}. What it enforces is the realm's credential policy, one per realm, so the
 * inventory and every profile judge by the same numbers.
 */
public class CredentialPolicyExecutorConfiguration extends NhiExecutorConfiguration {

    @Override
    public boolean validateConfig() {
        OptionReader options = new OptionReader(CredentialPolicyExecutorFactory.PROVIDER_ID, getConfigAsMap()).allowOnly(Set.of(EnforcementMode.OPTION));
        EnforcementMode.read(options);
        return options.problems().validOrRefuse();
    }
}
