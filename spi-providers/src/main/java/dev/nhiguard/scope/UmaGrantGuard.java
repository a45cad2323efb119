package dev.nhiguard.scope;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.PermissionGrantType;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.List;

/**
 * Keycloak's UMA grant, with one check in front. Given a token as the identity (a bearer token instead of client
 * credentials, a {@code subject_token}, or a {@code claim_token} read as an ID token), the grant mints a
 * requesting-party token for that token's user without any client-policy event of the user's client, with the
 * resource server's default scopes and roles and an uncapped lifespan; fed back in, each such token renews the last.
 * A governed machine identity's token is refused there ({@link MachineSubjectDoor}). (With client credentials and no
 * token, the grant runs client_credentials inside itself, where the executors judge it.)
 */
final class UmaGrantGuard extends GuardedGrant {

    private static final String BEARER = "Bearer ";
    static final String SUBJECT_TOKEN = "subject_token";
    static final String CLAIM_TOKEN = "claim_token";

    UmaGrantGuard() {
        super(new PermissionGrantType());
    }

    @Override
    void guard(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException {
        MachineSubjectDoor door = new MachineSubjectDoor(session, session.getContext().getRealm());
        String requester = formParams.getFirst("client_id");
        List<String> authorization = session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            door.refuseMachineSubjects(HttpHeaders.AUTHORIZATION, authorization.stream()
                    .filter(value -> value != null && value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                    .map(value -> value.substring(BEARER.length()).trim()).toList(), requester);
        }
        door.refuseMachineSubjects(SUBJECT_TOKEN, formParams.get(SUBJECT_TOKEN), requester);
        door.refuseMachineSubjects(CLAIM_TOKEN, formParams.get(CLAIM_TOKEN), requester);
    }
}
