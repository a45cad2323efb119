package dev.nhiguard.credentials;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorConfiguration;

import java.util.List;

/**
 * The executor's options: only {@code mode}. What it enforces is the realm's credential policy, one per realm, so the
 * inventory and every profile judge by the same numbers.
 */
public class CredentialPolicyExecutorConfiguration extends NhiExecutorConfiguration {

    static final List<ExecutorOption<?>> OPTIONS = List.of();

    @Override
    public boolean validateConfig() {
        return ExecutorOption.validate(CredentialPolicyExecutorFactory.PROVIDER_ID, getConfigAsMap(), OPTIONS);
    }
}
