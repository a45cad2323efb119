package dev.nhiguard.policy;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.List;

/** How the pack's executors refuse: logged at debug under the executor's own category, described to the caller. */
public final class PolicyRefusal {

    private PolicyRefusal() {
    }

    /** The response header that tells an admin what still fails on a client a save was allowed to change. */
    public static final String WARNING_HEADER = "NHI-Guard-Warning";

    /**
     * Refuses a client save when there are violations. After the save ({@code REGISTERED}, {@code UPDATED}) the
     * client is already written inside the request's transaction; an enforcing executor rolls it back
     * ({@link Enforcement}), so nothing stays.
     */
    public static void refuseSave(Logger log, String clientId, List<FieldViolation> violations, boolean alreadyWritten)
            throws ClientPolicyException {
        if (violations.isEmpty()) {
            return;
        }
        String description = FieldViolation.describeAll(violations);
        log.debugf("refused saving client %s: %s", clientId, description);
        throw new SaveRefusal(OAuthErrorException.INVALID_CLIENT_METADATA, description, alreadyWritten);
    }

    /**
     * Refuses an update of a stored client only for what it breaks anew: a violation the client did not have before
     * (a changed value that still fails counts as new). An edit that leaves older problems as they were is saved, with
     * a warning header naming them, so a realm can adopt a policy without freezing every legacy client.
     */
    public static void refuseSaveIfWorse(Logger log, KeycloakSession session, String clientId, List<FieldViolation> before,
                                         List<FieldViolation> after, boolean alreadyWritten) throws ClientPolicyException {
        List<FieldViolation> added = after.stream().filter(v -> !before.contains(v)).toList();
        if (!added.isEmpty()) {
            List<FieldViolation> kept = after.stream().filter(before::contains).toList();
            String description = FieldViolation.describeAll(added);
            log.debugf("refused saving client %s: %s", clientId, description);
            throw new SaveRefusal(OAuthErrorException.INVALID_CLIENT_METADATA, kept.isEmpty() ? description
                    : NhiMessages.format("nhiSaveAddsViolations", description, FieldViolation.describeAll(kept)), alreadyWritten);
        }
        if (!after.isEmpty()) {
            String still = FieldViolation.describeAll(after);
            log.infof("saved client %s, which still breaks the policy: %s", clientId, still);
            List<String> warnings = RequestNotes.of(session).warn(still);
            if (session.getContext().getHttpResponse() != null) {
                // one header for every executor's warning: each executor judges the save on its own
                session.getContext().getHttpResponse().setHeader(WARNING_HEADER,
                        SafeText.echo(NhiMessages.format("nhiSaveStillFails", String.join("; ", warnings)), 2000));
            }
        }
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
