package dev.nhiguard.scope;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.Set;

/**
 * One of Keycloak's grants with a check in front: registered under the grant's own id, it runs {@link #guard} before
 * Keycloak's own pre-processing ends, and hands everything else to Keycloak's implementation unchanged.
 */
abstract class GuardedGrant implements OAuth2GrantType {

    private final OAuth2GrantType keycloaks;

    GuardedGrant(OAuth2GrantType keycloaks) {
        this.keycloaks = keycloaks;
    }

    /** Refuses the request before Keycloak mints anything, or returns. */
    abstract void guard(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException;

    @Override
    public final void preProcess(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException {
        keycloaks.preProcess(session, formParams);
        guard(session, formParams);
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
