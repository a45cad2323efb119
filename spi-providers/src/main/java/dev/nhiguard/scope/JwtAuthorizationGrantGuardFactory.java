package dev.nhiguard.scope;

import org.keycloak.Config;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/** Registers {@link JwtAuthorizationGrantGuard} under the JWT authorization grant's own id, in place of Keycloak's, where its feature is on. */
public class JwtAuthorizationGrantGuardFactory extends GuardedGrantFactory implements EnvironmentDependentProviderFactory {

    @Override
    public String getId() {
        return OAuth2Constants.JWT_AUTHORIZATION_GRANT;
    }

    @Override
    public String getShortcut() {
        return "ag";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new JwtAuthorizationGrantGuard();
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Profile.isFeatureEnabled(Profile.Feature.JWT_AUTHORIZATION_GRANT);
    }
}
