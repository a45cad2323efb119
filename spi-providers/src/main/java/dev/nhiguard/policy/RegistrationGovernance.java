package dev.nhiguard.policy;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.ServiceAccountClients;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.DynamicClientRegisterContext;
import org.keycloak.services.clientpolicy.context.DynamicClientUpdateContext;
import org.keycloak.services.clientregistration.RegistrationAccessToken;
import org.keycloak.services.clientregistration.policy.RegistrationAuth;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A registration access token is the client's own credential, held by the program it registers. With it the program
 * may change its settings (each save judged as any other), never what the pack governs it by: who owns it, its owner
 * group, purpose, review date, tier, environment or exemption. Those change through an admin or an owner's review,
 * with a history; otherwise an identity could attest itself, pick its owner, or leave the policy its tier selects.
 */
public final class RegistrationGovernance {

    private static final Logger LOG = Logger.getLogger(RegistrationGovernance.class);
    private static final String PREFIX = "nhi.";

    private RegistrationGovernance() {
    }

    public static void refuseGovernanceChanges(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel stored = context.getTargetClient();
        if (!(context instanceof DynamicClientUpdateContext) || context.getAuthenticatedUser() != null || proposed == null
                || stored == null) {
            return;
        }
        if (isAnonymousRegistration(context) && ServiceAccountClients.isServiceAccountClient(proposed, stored)) {
            // whichever pack executor judges first, an anonymous registrant gets the one answer, whatever else it sent
            throw refuseAnonymousMachineIdentity(String.valueOf(proposed.getClientId()));
        }
        if (proposed.getAttributes() == null) {
            return;
        }
        TreeSet<String> changed = new TreeSet<>();
        for (Map.Entry<String, String> sent : proposed.getAttributes().entrySet()) {
            if (sent.getKey() != null && sent.getKey().startsWith(PREFIX)
                    && !Objects.equals(blankAsNull(sent.getValue()), blankAsNull(stored.getAttribute(sent.getKey())))) {
                changed.add(sent.getKey());
            }
        }
        if (!changed.isEmpty()) {
            throw PolicyRefusal.refuseToken(LOG, stored.getClientId(), OAuthErrorException.INVALID_CLIENT_METADATA,
                    NhiMessages.format("nhiRegistrationGovernanceLocked", SafeText.echo(String.join(", ", changed), 200)));
        }
    }

    /** The one answer to an anonymous registration of a machine identity. */
    public static ClientPolicyException refuseAnonymousMachineIdentity(String clientId) {
        return PolicyRefusal.refuseToken(LOG, clientId, OAuthErrorException.INVALID_CLIENT_METADATA,
                NhiMessages.format("nhiAnonymousMachineIdentity"));
    }

    /**
     * A registration nobody authenticated: anonymous, or an update with the registration access token Keycloak handed
     * to an anonymous registrant (Keycloak marks such tokens {@code registration_auth: anonymous}).
     */
    public static boolean isAnonymousRegistration(ClientCRUDContext context) {
        if (context instanceof DynamicClientRegisterContext) {
            return context.getToken() == null;
        }
        return context instanceof DynamicClientUpdateContext && context.getToken() != null
                && RegistrationAuth.ANONYMOUS.name().equalsIgnoreCase(
                        String.valueOf(context.getToken().getOtherClaims().get(RegistrationAccessToken.REGISTRATION_AUTH)));
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
