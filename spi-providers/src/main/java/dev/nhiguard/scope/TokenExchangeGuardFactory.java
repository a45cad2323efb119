package dev.nhiguard.scope;

import org.keycloak.Config;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Registers {@link TokenExchangeGuard} under the token exchange grant's own id, in place of Keycloak's. Present
 * exactly when Keycloak's would be: with either token exchange feature.
 */
public class TokenExchangeGuardFactory extends GuardedGrantFactory implements EnvironmentDependentProviderFactory {

    @Override
    public String getId() {
        return OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE;
    }

    @Override
    public String getShortcut() {
        return "te";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new TokenExchangeGuard();
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Profile.isFeatureEnabled(Profile.Feature.TOKEN_EXCHANGE)
                || Profile.isFeatureEnabled(Profile.Feature.TOKEN_EXCHANGE_STANDARD_V2);
    }
}
