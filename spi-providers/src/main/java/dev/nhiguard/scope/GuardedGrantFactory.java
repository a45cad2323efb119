package dev.nhiguard.scope;

import dev.nhiguard.shared.PackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/**
 * A factory registered under the id of one of Keycloak's grants: a provider of the same id overrides the built-in
 * one, so every request of that grant goes through the pack's guard. It keeps Keycloak's short name
 * for the grant, as token ids encode the grant by it.
 */
abstract class GuardedGrantFactory implements OAuth2GrantTypeFactory, ServerInfoAwareProviderFactory {

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** Server info shows the grant as the pack's: the admin sees that Keycloak's own grant sits behind the guard. */
    @Override
    public Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }
}
