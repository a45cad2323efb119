package dev.nhiguard.scope;

import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.RealmPolicies;
import dev.nhiguard.shared.SafeText;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.List;
import java.util.Optional;

/**
 * Grants that take a token as the identity to mint for (token exchange's {@code subject_token}, the UMA grant's
 * bearer token, {@code subject_token} and {@code claim_token}, the JWT authorization grant's {@code assertion} of a
 * federated identity linked to a service account) answer with a new token for that token's user, whichever
 * client asks and under that client's settings. For a machine identity that would be a token outside its own
 * client's client_credentials grant, where every rule of the pack is enforced; so each such grant is a door of the
 * subject's client, judged by the subject's client's policies, not the caller's.
 *
 * <p>A machine identity's token is refused as a subject when any enabled policy applying one of the pack's
 * executors may select its client; a policy whose selection cannot be judged outside an event counts as selecting
 * (a guard fails closed).
 */
public final class MachineSubjectDoor {

    private static final Logger LOG = Logger.getLogger(MachineSubjectDoor.class);
    static final String PACK_EXECUTOR_PREFIX = "nhi-";

    private final KeycloakSession session;
    private final RealmModel realm;

    public MachineSubjectDoor(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Refuses when any of the tokens sent in {@code parameter} is a governed machine identity's.
     *
     * @param parameter the request parameter (or header) the tokens came in, named in the refusal
     */
    public void refuseMachineSubjects(String parameter, List<String> tokens, String requestingClient) throws ClientPolicyException {
        if (tokens == null) {
            return;
        }
        for (String token : tokens) {
            Optional<ClientModel> machine = machineOf(token);
            if (machine.isPresent()) {
                refuseIfGoverned(machine.get(), parameter, requestingClient);
            }
        }
    }

    /**
     * Refuses when {@code user} (a grant's subject, found by the grant itself) is a governed machine identity's service account.
     *
     * @param parameter what the user came from, named in the refusal
     */
    public void refuseMachineUser(UserModel user, String parameter, String requestingClient) throws ClientPolicyException {
        if (user != null && user.getServiceAccountClientLink() != null) {
            ClientModel machine = realm.getClientById(user.getServiceAccountClientLink());
            if (machine != null) {
                refuseIfGoverned(machine, parameter, requestingClient);
            }
        }
    }

    private void refuseIfGoverned(ClientModel machine, String parameter, String requestingClient) throws ClientPolicyException {
        Optional<EnforcementMode> mode = governingMode(machine);
        if (mode.isEmpty()) {
            return;
        }
        RequestNotes notes = RequestNotes.of(session);
        notes.subjectClient(machine.getClientId(), requestingClient);
        ClientPolicyException refusal = PolicyRefusal.refuseToken(LOG,
                requestingClient == null ? machine.getClientId() : requestingClient, OAuthErrorException.UNAUTHORIZED_CLIENT,
                NhiMessages.format("nhiMachineIdentityNotASubject", parameter, SafeText.echo(machine.getClientId(), 80)));
        notes.decided(new RequestNotes.Decision(RULE, refusal.getError(), refusal.getErrorDetail(), mode.get() == EnforcementMode.ENFORCE));
        if (mode.get() == EnforcementMode.ENFORCE) {
            throw refusal;
        }
        LOG.infof("report-only: %s would have refused %s", RULE, refusal.getErrorDetail());
    }

    /** The rule a refusal of this door is recorded under. */
    static final String RULE = "nhi-machine-subject";

    /**
     * The client whose service account a token of this realm stands for. Only a token whose signature this realm
     * verifies counts: anything else Keycloak refuses itself, and an unverified token is no fact to act on.
     */
    Optional<ClientModel> machineOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        AccessToken decoded;
        try {
            decoded = session.tokens().decode(token.trim(), AccessToken.class);
        } catch (RuntimeException notAToken) {
            return Optional.empty();
        }
        if (decoded == null || decoded.getSubject() == null) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, decoded.getSubject());
        if (user == null || user.getServiceAccountClientLink() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(realm.getClientById(user.getServiceAccountClientLink()));
    }

    /**
     * Enforce when any pack executor in enforce mode may select the machine, report-only when only report-only ones
     * may, nothing when none does.
     */
    private Optional<EnforcementMode> governingMode(ClientModel machine) {
        List<EnforcementMode> modes = RealmPolicies.read(session, realm).applied().stream()
                .filter(applied -> applied.executor().getExecutorProviderId() != null
                        && applied.executor().getExecutorProviderId().startsWith(PACK_EXECUTOR_PREFIX))
                .filter(applied -> PolicySelection.selects(applied.conditions(), machine.getAttributes()) != PolicySelection.Vote.NO)
                .map(applied -> EnforcementMode.ofOptions(applied.executor().getConfiguration()))
                .toList();
        if (modes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(modes.contains(EnforcementMode.ENFORCE) ? EnforcementMode.ENFORCE : EnforcementMode.REPORT_ONLY);
    }
}
