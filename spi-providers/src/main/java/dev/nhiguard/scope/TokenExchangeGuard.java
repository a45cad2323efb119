package dev.nhiguard.scope;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.TokenExchangeGrantType;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Keycloak's token exchange grant, with one check in front: a governed machine identity's token is no
 * {@code subject_token} ({@link MachineSubjectDoor}), whichever client asks. The client-policy event of the exchange
 * runs the policies of the client that asks, which need not be the machine's; this check runs the machine's.
 */
final class TokenExchangeGuard extends GuardedGrant {

    TokenExchangeGuard() {
        super(new TokenExchangeGrantType());
    }

    @Override
    void guard(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException {
        new MachineSubjectDoor(session, session.getContext().getRealm())
                .refuseMachineSubjects(OAuth2Constants.SUBJECT_TOKEN, formParams.get(OAuth2Constants.SUBJECT_TOKEN), formParams.getFirst("client_id"));
    }
}
