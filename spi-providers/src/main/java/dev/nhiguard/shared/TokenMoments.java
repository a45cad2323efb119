package dev.nhiguard.shared;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.context.ImplicitHybridTokenResponse;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client-policy events at which Keycloak is about to mint tokens for a client, whatever the grant. A rule that
 * must hold for every token a client can get is checked at each of these, not only at client_credentials.
 */
public final class TokenMoments {

    public static final Set<ClientPolicyEvent> MINTING = EnumSet.of(
            ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_REFRESH,
            ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST,
            ClientPolicyEvent.DEVICE_TOKEN_REQUEST,
            ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST,
            ClientPolicyEvent.JWT_AUTHORIZATION_GRANT,
            ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE);

    /** The grant each event stands for, as the token endpoint's grant_type (implicit has none: it is a response type). */
    private static final Map<ClientPolicyEvent, String> GRANTS = Map.of(
            ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST, OAuth2Constants.CLIENT_CREDENTIALS,
            ClientPolicyEvent.TOKEN_REQUEST, OAuth2Constants.AUTHORIZATION_CODE,
            ClientPolicyEvent.TOKEN_REFRESH, OAuth2Constants.REFRESH_TOKEN,
            ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST, OAuth2Constants.PASSWORD,
            ClientPolicyEvent.DEVICE_TOKEN_REQUEST, OAuth2Constants.DEVICE_CODE_GRANT_TYPE,
            ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST, OAuth2Constants.CIBA_GRANT_TYPE,
            ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE,
            ClientPolicyEvent.JWT_AUTHORIZATION_GRANT, OAuth2Constants.JWT_AUTHORIZATION_GRANT,
            ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE, "implicit");

    private TokenMoments() {
    }

    public static boolean isMinting(ClientPolicyEvent event) {
        return MINTING.contains(event);
    }

    /** The client that is about to get tokens. */
    public static Optional<ClientModel> client(KeycloakSession session, ClientPolicyContext context) {
        if (context instanceof ClientModelContext withClient && withClient.getClient() != null) {
            return Optional.of(withClient.getClient());
        }
        if (context instanceof ImplicitHybridTokenResponse implicit && implicit.getAuthenticationSession() != null) {
            return Optional.ofNullable(implicit.getAuthenticationSession().getClient());
        }
        return Optional.ofNullable(session.getContext().getClient());
    }

    /**
     * The grant being used. Keycloak's UMA grant runs a client_credentials grant inside itself, so the request's own
     * grant_type wins over the event's.
     */
    public static String grant(KeycloakSession session, ClientPolicyContext context) {
        if (context instanceof ServiceAccountTokenRequestContext serviceAccount) {
            String sent = serviceAccount.getParams().getFirst(OAuth2Constants.GRANT_TYPE);
            if (sent != null) {
                return sent;
            }
        }
        return GRANTS.get(context.getEvent());
    }
}
