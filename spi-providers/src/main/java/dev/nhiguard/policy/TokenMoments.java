package dev.nhiguard.policy;

import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
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

    /**
     * The events that start a flow ending in tokens: refusing there answers the client cleanly (an error redirect or a
     * 400) instead of half-way through the flow.
     */
    public static final Set<ClientPolicyEvent> FLOW_STARTS = EnumSet.of(
            ClientPolicyEvent.AUTHORIZATION_REQUEST,
            ClientPolicyEvent.PUSHED_AUTHORIZATION_REQUEST,
            ClientPolicyEvent.DEVICE_AUTHORIZATION_REQUEST,
            ClientPolicyEvent.BACKCHANNEL_AUTHENTICATION_REQUEST);

    /**
     * The events that mint no token of Keycloak's: client registration and administration, the responses after a
     * minting event, revocation and introspection, userinfo and logout, the steps that only precede a minting or
     * flow-start event the pack judges ({@code PRE_TOKEN_REQUEST} comes before {@code TOKEN_REQUEST} of the
     * authorization-code grant, {@code PRE_AUTHORIZATION_REQUEST} before {@code AUTHORIZATION_REQUEST}), the broker
     * API (it hands out a token an identity provider issued to a user, stored at that user's login) and SAML, which
     * has no service accounts. Any event in none of the three sets counts as minting: a newer Keycloak's new grant
     * is refused to a machine identity until the pack knows it, not let through.
     */
    public static final Set<ClientPolicyEvent> NOT_MINTING = EnumSet.of(
            ClientPolicyEvent.REGISTER,
            ClientPolicyEvent.REGISTERED,
            ClientPolicyEvent.UPDATE,
            ClientPolicyEvent.UPDATED,
            ClientPolicyEvent.VIEW,
            ClientPolicyEvent.UNREGISTER,
            ClientPolicyEvent.PRE_AUTHORIZATION_REQUEST,
            ClientPolicyEvent.PRE_TOKEN_REQUEST,
            ClientPolicyEvent.TOKEN_RESPONSE,
            ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_RESPONSE,
            ClientPolicyEvent.TOKEN_REFRESH_RESPONSE,
            ClientPolicyEvent.TOKEN_REVOKE,
            ClientPolicyEvent.TOKEN_REVOKE_RESPONSE,
            ClientPolicyEvent.TOKEN_INTROSPECT,
            ClientPolicyEvent.USERINFO_REQUEST,
            ClientPolicyEvent.LOGOUT_REQUEST,
            ClientPolicyEvent.BACKCHANNEL_TOKEN_RESPONSE,
            ClientPolicyEvent.DEVICE_TOKEN_RESPONSE,
            ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE,
            ClientPolicyEvent.IDENTITY_BROKERING_API,
            ClientPolicyEvent.SAML_AUTHN_REQUEST,
            ClientPolicyEvent.SAML_LOGOUT_REQUEST);

    private static final Logger LOG = Logger.getLogger(TokenMoments.class);
    private static final Set<ClientPolicyEvent> UNKNOWN_SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The grant each event stands for, as the token endpoint's grant_type (implicit has none: it is a response type). */
    private static final Map<ClientPolicyEvent, String> GRANTS = Map.ofEntries(
            Map.entry(ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST, OAuth2Constants.CLIENT_CREDENTIALS),
            Map.entry(ClientPolicyEvent.TOKEN_REQUEST, OAuth2Constants.AUTHORIZATION_CODE),
            Map.entry(ClientPolicyEvent.TOKEN_REFRESH, OAuth2Constants.REFRESH_TOKEN),
            Map.entry(ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST, OAuth2Constants.PASSWORD),
            Map.entry(ClientPolicyEvent.DEVICE_TOKEN_REQUEST, OAuth2Constants.DEVICE_CODE_GRANT_TYPE),
            Map.entry(ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST, OAuth2Constants.CIBA_GRANT_TYPE),
            Map.entry(ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE),
            Map.entry(ClientPolicyEvent.JWT_AUTHORIZATION_GRANT, OAuth2Constants.JWT_AUTHORIZATION_GRANT),
            Map.entry(ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE, "implicit"),
            Map.entry(ClientPolicyEvent.AUTHORIZATION_REQUEST, OAuth2Constants.AUTHORIZATION_CODE),
            Map.entry(ClientPolicyEvent.PUSHED_AUTHORIZATION_REQUEST, OAuth2Constants.AUTHORIZATION_CODE),
            Map.entry(ClientPolicyEvent.DEVICE_AUTHORIZATION_REQUEST, OAuth2Constants.DEVICE_CODE_GRANT_TYPE),
            Map.entry(ClientPolicyEvent.BACKCHANNEL_AUTHENTICATION_REQUEST, OAuth2Constants.CIBA_GRANT_TYPE));

    private TokenMoments() {
    }

    /** Tokens are about to be minted, or the event is one the pack does not know (failing closed). */
    public static boolean isMinting(ClientPolicyEvent event) {
        return MINTING.contains(event) || isUnknown(event);
    }

    /** A flow towards tokens starts, or tokens are about to be minted. */
    public static boolean isTokenPath(ClientPolicyEvent event) {
        return isMinting(event) || FLOW_STARTS.contains(event);
    }

    static boolean isUnknown(ClientPolicyEvent event) {
        if (event == null || MINTING.contains(event) || FLOW_STARTS.contains(event) || NOT_MINTING.contains(event)) {
            return false;
        }
        if (UNKNOWN_SEEN.add(event)) {
            LOG.warnf("client-policy event %s is not known to this NHI Guard version: it counts as minting tokens, so machine "
                    + "identities are held to every token-time rule there (and refused any grant but client_credentials)", event);
        }
        return true;
    }

    /** An authorization request whose response carries tokens straight from the authorization endpoint, or that response. */
    public static boolean isImplicitOrHybrid(ClientPolicyContext context) {
        if (context instanceof AuthorizationRequestContext authorization) {
            return authorization.getParsedResponseType() != null && authorization.getParsedResponseType().isImplicitOrHybridFlow();
        }
        return context.getEvent() == ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE;
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

    /** The grant an event stands for, null for an event that leads to no token. */
    static String grantOf(ClientPolicyEvent event) {
        return GRANTS.get(event);
    }

    /**
     * The grant being used. Keycloak's UMA grant runs a client_credentials grant inside itself, so the request's own
     * grant_type wins over the event's.
     */
    public static String grant(KeycloakSession session, ClientPolicyContext context) {
        if (isImplicitOrHybrid(context)) {
            return "implicit";
        }
        if (context instanceof ServiceAccountTokenRequestContext serviceAccount) {
            String sent = serviceAccount.getParams().getFirst(OAuth2Constants.GRANT_TYPE);
            if (sent != null) {
                return sent;
            }
        }
        return GRANTS.get(context.getEvent());
    }
}
