package dev.nhiguard.scope;

import org.keycloak.Config;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;

/**
 * Registers {@link UmaGrantGuard} under the UMA grant's own id: Keycloak lets a provider of the same id override its
 * built-in one, and this one hands every request it does not refuse to the built-in implementation.
 */
public class UmaGrantGuardFactory implements OAuth2GrantTypeFactory {

    @Override
    public String getId() {
        return OAuth2Constants.UMA_GRANT_TYPE;
    }

    /** Keycloak's short name for the grant, kept: token ids encode the grant by it. */
    @Override
    public String getShortcut() {
        return "pg";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new UmaGrantGuard();
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
}
