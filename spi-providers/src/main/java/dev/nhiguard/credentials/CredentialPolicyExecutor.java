package dev.nhiguard.credentials;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.classification.JudgedBefore;
import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.ClientSnapshots;
import dev.nhiguard.policy.Enforcement;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.RegistrationGovernance;
import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.policy.TokenMoments;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientSecretRotationContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds a realm's machine clients to its credential policy ({@link CredentialPolicy}): no new shared secret at a
 * secret-free tier when a client is saved or its secret regenerated, and no token for the secret a request
 * authenticated with (the current one, or the previous one Keycloak's rotation still accepts) when the pack may not
 * vouch for it, when it is past its lifetime, or when it was met at a secret-free tier after the tier became one,
 * whatever door the client or the secret came through.
 */
class CredentialPolicyExecutor implements ClientPolicyExecutorProvider<CredentialPolicyExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(CredentialPolicyExecutor.class);

    private final KeycloakSession session;
    private final SecretAges ages;
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    CredentialPolicyExecutor(KeycloakSession session, SecretAges ages) {
        this.session = session;
        this.ages = ages;
    }

    @Override
    public void setupConfiguration(CredentialPolicyExecutorConfiguration configuration) {
        this.mode = configuration.mode();
    }

    @Override
    public Class<CredentialPolicyExecutorConfiguration> getExecutorConfigurationClass() {
        return CredentialPolicyExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return CredentialPolicyExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Enforcement.judge(session, CredentialPolicyExecutorFactory.PROVIDER_ID, mode, context, () -> decide(context));
    }

    private void decide(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case UPDATE -> onUpdate((ClientCRUDContext) context);
            case REGISTERED, UPDATED -> onSaved((ClientCRUDContext) context);
            default -> {
                if (TokenMoments.isMinting(context.getEvent())) {
                    onTokenRequest(context);
                }
            }
        }
    }

    private CredentialRules rules() {
        return new CredentialRules(CredentialPolicy.cached(session.getContext().getRealm()));
    }

    private void onUpdate(ClientCRUDContext context) throws ClientPolicyException {
        RegistrationGovernance.refuseGovernanceChanges(context);
        ClientModel stored = context.getTargetClient();
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        if (stored == null || proposed == null || !stored.isServiceAccountsEnabled() && !Boolean.TRUE.equals(proposed.isServiceAccountsEnabled())) {
            return;
        }
        CredentialRules rules = rules();
        // only if this policy judged the stored client as a machine identity: else the save is judged as a create
        List<FieldViolation> before = JudgedBefore.byExecutor(session, context, CredentialPolicyExecutorFactory.PROVIDER_ID, true)
                ? rules.onSave(ClientSnapshots.of(stored)) : List.of();
        RequestNotes.of(session).violationsBefore(CredentialPolicyExecutorFactory.PROVIDER_ID, stored.getId(), before);
        ClientSnapshot projected = ClientSnapshots.projected(stored, proposed);
        List<FieldViolation> after = new ArrayList<>(rules.onSave(projected));
        if (proposed.getSecret() != null && !proposed.getSecret().equals(stored.getSecret())) {
            after.addAll(rules.newSecretValue(projected.attribute(NhiAttributes.TIER)));
        }
        PolicyRefusal.refuseSaveIfWorse(LOG, session, stored.getClientId(), before, after, false);
    }

    private void onSaved(ClientCRUDContext context) throws ClientPolicyException {
        ClientModel saved = context.getTargetClient();
        if (saved == null || !saved.isServiceAccountsEnabled()) {
            return;
        }
        CredentialRules rules = rules();
        List<FieldViolation> after = rules.onSave(ClientSnapshots.of(saved));
        if (context.getEvent() == ClientPolicyEvent.REGISTERED) {
            PolicyRefusal.refuseSave(LOG, saved.getClientId(), after, true);
        } else if (context instanceof ClientSecretRotationContext rotation) {
            // the admin API's "regenerate secret": a new shared secret however the client stood before; the one it
            // replaces is the client's, which Keycloak's rotation may go on accepting for a while
            ages.recordRegenerated(session, saved, rotation.getCurrentSecret());
            PolicyRefusal.refuseSave(LOG, saved.getClientId(), rules.newSecret(ClientSnapshots.of(saved)).isEmpty() ? List.of()
                    : rules.newSecretValue(saved.getAttribute(NhiAttributes.TIER)), true);
        } else {
            PolicyRefusal.refuseSaveIfWorse(LOG, session, saved.getClientId(),
                    RequestNotes.of(session).violationsBefore(CredentialPolicyExecutorFactory.PROVIDER_ID, saved.getId()), after, true);
        }
    }

    /** The secret the request authenticated with: the previous one, while Keycloak's rotation accepts it, unless it carried the current one. */
    private SecretInUse presented(ClientModel client) {
        Optional<String> previous = RotatedSecret.live(client::getAttribute);
        return previous.isPresent() && !PresentedSecret.isCurrent(session, client)
                ? ages.formerSecret(session, client, previous.get()) : ages.currentSecret(session, client);
    }

    private void onTokenRequest(ClientPolicyContext context) throws ClientPolicyException {
        ClientModel client = TokenMoments.client(session, context).orElse(null);
        if (client == null || !client.isServiceAccountsEnabled() || !SharedSecrets.held(client)) {
            return;
        }
        FieldViolation refusal = rules().refusalAtTokenTime(ClientSnapshots.forRequest(session, client), presented(client), PackClock.now()).orElse(null);
        if (refusal != null) {
            throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.INVALID_CLIENT, refusal.reason());
        }
    }
}
