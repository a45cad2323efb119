package dev.nhiguard.shared;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.List;

/** How the pack's executors refuse: logged at debug under the executor's own category, described to the caller. */
public final class PolicyRefusal {

    private PolicyRefusal() {
    }

    /**
     * Refuses a client save when there are violations. After the save ({@code REGISTERED}, {@code UPDATED}) the
     * client is already written inside the request's transaction, which is marked for rollback so nothing stays.
     */
    public static void refuseSave(Logger log, KeycloakSession session, String clientId, List<FieldViolation> violations,
                                  boolean alreadyWritten) throws ClientPolicyException {
        if (violations.isEmpty()) {
            return;
        }
        if (alreadyWritten) {
            session.getTransactionManager().setRollbackOnly();
        }
        String description = FieldViolation.describeAll(violations);
        log.debugf("refused saving client %s: %s", clientId, description);
        throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, description);
    }

    /**
     * Refuses a token request because the client's stored settings break a rule. The answer names each setting and the
     * kind of fault, never the stored value (owner names, group paths, dates): the token and authorization endpoints
     * answer whoever asks. The server log gets the full detail, under the executor's category.
     *
     * @param messageKey the refusal's message, with the settings as its one argument
     */
    public static ClientPolicyException refuseTokenForSettings(Logger log, String clientId, String messageKey, List<FieldViolation> violations) {
        log.infof("refused a token to client %s: %s", clientId, NhiMessages.format(messageKey, FieldViolation.describeAll(violations)));
        return new DescribedPolicyException(OAuthErrorException.UNAUTHORIZED_CLIENT,
                NhiMessages.format(messageKey, FieldViolation.describeAllWithoutValues(violations)));
    }

    /** Refuses a token request with an OAuth error and a description that says what to fix. */
    public static ClientPolicyException refuseToken(Logger log, String clientId, String error, String description) {
        log.debugf("refused a token to client %s: %s", clientId, description);
        return new DescribedPolicyException(error, description);
    }
}
