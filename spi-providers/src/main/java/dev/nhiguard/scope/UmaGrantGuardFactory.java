package dev.nhiguard.scope;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;

/** Registers {@link UmaGrantGuard} under the UMA grant's own id, in place of Keycloak's. */
public class UmaGrantGuardFactory extends GuardedGrantFactory {

    @Override
    public String getId() {
        return OAuth2Constants.UMA_GRANT_TYPE;
    }

    @Override
    public String getShortcut() {
        return "pg";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new UmaGrantGuard();
    }
}
