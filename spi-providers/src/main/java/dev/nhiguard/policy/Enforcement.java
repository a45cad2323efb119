package dev.nhiguard.policy;

import dev.nhiguard.shared.OwnerDirectoryUnavailable;

import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * Runs one executor's judgement of an event under its mode. Every refusal is noted for the request's identity-context
 * record; in enforce it stands, in report-only it is logged and recorded as a would-be refusal and the request goes on.
 */
public final class Enforcement {

    private static final Logger LOG = Logger.getLogger("nhi.rollout");
    private static final Set<ClientPolicyEvent> SAVES = EnumSet.of(ClientPolicyEvent.REGISTER, ClientPolicyEvent.REGISTERED,
            ClientPolicyEvent.UPDATE, ClientPolicyEvent.UPDATED);

    /** An executor's judgement of one event, refusing with a {@link ClientPolicyException}. */
    @FunctionalInterface
    public interface Judgement {
        void run() throws ClientPolicyException;
    }

    private Enforcement() {
    }

    public static void judge(KeycloakSession session, String rule, EnforcementMode mode, ClientPolicyContext context,
                             Judgement judgement) throws ClientPolicyException {
        try {
            judgement.run();
        } catch (OwnerDirectoryUnavailable unavailable) {
            if (mode == EnforcementMode.ENFORCE) {
                throw unavailable;
            }
            // report-only refuses nothing, not even when it cannot judge
            LOG.infof("report-only: %s could not judge client %s: %s", rule, clientId(session, context), unavailable.getErrorDescription());
        } catch (ClientPolicyException refusal) {
            RequestNotes notes = RequestNotes.of(session);
            boolean alreadyNoted = notes.decisions().stream().anyMatch(d -> d.rule().equals(rule));
            RequestNotes.Decision decision = new RequestNotes.Decision(rule, refusal.getError(), refusal.getErrorDetail(),
                    mode == EnforcementMode.ENFORCE);
            if (!alreadyNoted) {
                notes.decided(decision);
            }
            if (mode == EnforcementMode.ENFORCE) {
                if (refusal instanceof SaveRefusal save && save.alreadyWritten()) {
                    session.getTransactionManager().setRollbackOnly();
                }
                throw refusal;
            }
            boolean save = SAVES.contains(context.getEvent());
            String clientId = clientId(session, context);
            LOG.infof("report-only: %s would have refused %s of client %s: %s", rule, save ? "saving" : "a token",
                    clientId, refusal.getErrorDetail());
            if (save && !alreadyNoted
                    && session.getProvider(EventListenerProvider.class, SaveRecords.LISTENER_ID) instanceof SaveRecords records) {
                boolean creation = context.getEvent() == ClientPolicyEvent.REGISTER || context.getEvent() == ClientPolicyEvent.REGISTERED;
                records.wouldRefuseSave(session, clientId, creation, decision);
            }
        }
    }

    private static String clientId(KeycloakSession session, ClientPolicyContext context) {
        if (context instanceof ClientCRUDContext crud) {
            if (crud.getProposedClientRepresentation() != null && crud.getProposedClientRepresentation().getClientId() != null) {
                return crud.getProposedClientRepresentation().getClientId();
            }
            return crud.getTargetClient() == null ? null : crud.getTargetClient().getClientId();
        }
        return TokenMoments.client(session, context).map(ClientModel::getClientId).orElse(null);
    }
}
