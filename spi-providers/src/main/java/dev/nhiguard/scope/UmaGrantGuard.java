package dev.nhiguard.scope;

import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.PolicyRefusal;
import dev.nhiguard.shared.RealmPolicies;
import dev.nhiguard.shared.SafeText;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.PermissionGrantType;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.Set;

/**
 * Keycloak's UMA grant, with one check in front. Given a bearer token instead of client credentials, the grant mints
 * a requesting-party token for the token's client without any client-policy event, carrying the resource server's
 * default scopes and roles and the client's own (uncapped) lifespan. For a machine identity that nhi-scope-narrowing
 * may hold, that would be a broad, long-lived token outside client_credentials, so it is refused; everything else is
 * Keycloak's own grant, unchanged. (With client credentials instead of a bearer token, the grant runs
 * client_credentials inside itself, where the executor refuses it.)
 */
final class UmaGrantGuard implements OAuth2GrantType {

    private static final Logger LOG = Logger.getLogger(UmaGrantGuard.class);
    private static final String BEARER = "Bearer ";

    private final PermissionGrantType keycloaks = new PermissionGrantType();

    @Override
    public void preProcess(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException {
        keycloaks.preProcess(session, formParams);
        String authorization = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return;
        }
        AccessToken token = session.tokens().decode(authorization.substring(BEARER.length()).trim(), AccessToken.class);
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = token == null || token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        if (client == null || !client.isServiceAccountsEnabled()) {
            return; // Keycloak refuses a token it cannot verify itself; a person's token is no machine token
        }
        boolean held = RealmPolicies.read(session, realm).of(ScopeNarrowingExecutorFactory.PROVIDER_ID).stream()
                .anyMatch(applied -> PolicySelection.selects(applied.conditions(), client.getAttributes())
                        != PolicySelection.Vote.NO);
        if (held) {
            throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.UNAUTHORIZED_CLIENT,
                    NhiMessages.format("nhiOnlyClientCredentials", SafeText.echo(org.keycloak.OAuth2Constants.UMA_GRANT_TYPE, 80)));
        }
    }

    @Override
    public Response process(Context context) {
        return keycloaks.process(context);
    }

    @Override
    public EventType getEventType() {
        return keycloaks.getEventType();
    }

    @Override
    public Set<String> getSupportedMultivaluedRequestParameters() {
        return keycloaks.getSupportedMultivaluedRequestParameters();
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return keycloaks.getTokenParameterNames();
    }

    @Override
    public boolean isTokenAllowed(KeycloakSession session, AccessToken token) {
        return keycloaks.isTokenAllowed(session, token);
    }

    @Override
    public void close() {
        keycloaks.close();
    }
}
