package dev.nhiguard.scope;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.authenticators.client.ClientAssertionState;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.JWTAuthorizationGrantType;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Keycloak's JWT authorization grant (RFC 7523), with the machine's door ({@link MachineSubjectDoor}) where Keycloak
 * finds the user: an assertion whose identity is linked to a governed machine identity's service account (an admin,
 * a partial import or realm JSON can link one) would mint, for whichever client is allowed the identity provider, a
 * token of the machine outside its own client_credentials grant, unbound and under the caller's settings. Judged
 * only after Keycloak has verified the assertion, and answered as Keycloak answers a subject with no user ("User not
 * found"), so the grant tells a caller nothing it could not learn without the pack; the refusal is logged and recorded.
 */
final class JwtAuthorizationGrantGuard extends JWTAuthorizationGrantType {

    @Override
    protected UserModel lookupUserByFederatedIdentity(FederatedIdentityModel identity, ClientAssertionState state) {
        UserModel user = super.lookupUserByFederatedIdentity(identity, state);
        try {
            new MachineSubjectDoor(session, realm).refuseMachineUser(user, OAuth2Constants.ASSERTION, client == null ? null : client.getClientId());
            return user;
        } catch (ClientPolicyException refused) {
            return null;
        }
    }
}
