package dev.nhiguard.shared;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** The pack's executor factories keep their settings in client profiles, not in the server's SPI scope. */
public abstract class NhiExecutorFactory implements ClientPolicyExecutorProviderFactory {

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
