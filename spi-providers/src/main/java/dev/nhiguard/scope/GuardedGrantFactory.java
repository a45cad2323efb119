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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GuardedGrantFactory.class);
    private volatile String inPlace = "not checked";

    /**
     * The start-up check that the guard still replaces the grant it means to: the grant Keycloak serves under the id is
     * this factory. A Keycloak that picks its own (another release, another order of providers) leaves the grant
     * unguarded; that is said at once, in the log and in server info, not found by an attacker.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        Object used = factory.getProviderFactory(org.keycloak.protocol.oidc.grants.OAuth2GrantType.class, getId());
        if (used == this) {
            inPlace = "in place";
        } else {
            inPlace = "not in place: Keycloak serves " + (used == null ? "nothing" : used.getClass().getName()) + " for this grant";
            LOG.warnf("NHI Guard: the guard of grant %s is %s; machine identities are not guarded there", getId(), inPlace);
        }
    }

    @Override
    public void close() {
    }

    /** Server info shows the grant as the pack's: the admin sees that Keycloak's own grant sits behind the guard. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(PackVersion.operationalInfo());
        info.put("nhi-grant-guard", inPlace);
        return info;
    }
}
