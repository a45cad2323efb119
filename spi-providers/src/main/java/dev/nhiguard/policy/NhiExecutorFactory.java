package dev.nhiguard.policy;

import dev.nhiguard.shared.PackVersion;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pack's executor factories keep their settings in client profiles, not in the server's SPI scope, and report
 * the pack's version in the server info.
 */
public abstract class NhiExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

    /** An executor's own options followed by {@code mode}, which every pack executor takes. */
    protected static List<ProviderConfigProperty> withMode(List<ProviderConfigProperty> own) {
        ProviderConfigProperty mode = new ProviderConfigProperty(EnforcementMode.OPTION, "Mode", "enforce: refuse what breaks the "
                + "policy. report-only: refuse and change nothing, record each request or save that would have been refused "
                + "(identity-context record, readiness view), to see the blast radius before enforcing.",
                ProviderConfigProperty.LIST_TYPE, EnforcementMode.ENFORCE.value());
        mode.setOptions(List.of(EnforcementMode.ENFORCE.value(), EnforcementMode.REPORT_ONLY.value()));
        List<ProviderConfigProperty> all = new ArrayList<>(own);
        all.add(mode);
        return List.copyOf(all);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }
}
