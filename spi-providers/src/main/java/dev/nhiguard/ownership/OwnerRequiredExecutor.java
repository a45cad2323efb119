package dev.nhiguard.ownership;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.classification.JudgedBefore;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.policy.Enforcement;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.store.OwnerGoneRecords;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.RegistrationGovernance;
import dev.nhiguard.shared.ServiceAccountClients;
import dev.nhiguard.policy.TokenMoments;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.DynamicClientRegisterContext;
import org.keycloak.services.clientpolicy.context.DynamicClientUpdateContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class OwnerRequiredExecutor implements ClientPolicyExecutorProvider<OwnerRequiredExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(OwnerRequiredExecutor.class);
    /** Moments whose caller has proven nothing (the authorization endpoint): a disabled and an unknown owner read alike there. */
    private static final java.util.Set<org.keycloak.services.clientpolicy.ClientPolicyEvent> ANSWERS_ANYONE = java.util.EnumSet.of(
            org.keycloak.services.clientpolicy.ClientPolicyEvent.PRE_AUTHORIZATION_REQUEST,
            org.keycloak.services.clientpolicy.ClientPolicyEvent.AUTHORIZATION_REQUEST,
            org.keycloak.services.clientpolicy.ClientPolicyEvent.IMPLICIT_HYBRID_TOKEN_RESPONSE);

    private final KeycloakSession session;
    private OwnerRequiredConfig config = OwnerRequiredConfig.defaults();
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    OwnerRequiredExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(OwnerRequiredExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
        this.mode = configuration.mode();
    }

    @Override
    public Class<OwnerRequiredExecutorConfiguration> getExecutorConfigurationClass() {
        return OwnerRequiredExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return OwnerRequiredExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Enforcement.judge(session, OwnerRequiredExecutorFactory.PROVIDER_ID, mode, context, () -> decide(context));
    }

    private void decide(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTER, UPDATE -> onSave((ClientCRUDContext) context);
            default -> {
                if (TokenMoments.isTokenPath(context.getEvent())) {
                    onTokenRequest(context);
                }
            }
        }
    }

    private void onSave(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel existing = context.getTargetClient();
        if (proposed == null || !ServiceAccountClients.isServiceAccountClient(proposed, existing)) {
            return;
        }
        if (RegistrationGovernance.isAnonymousRegistration(context)) {
            // Nobody answers for an anonymous registration, and its answer would tell a stranger which users exist and
            // which are disabled: every anonymous machine identity gets the same refusal, before any owner is looked up.
            throw RegistrationGovernance.refuseAnonymousMachineIdentity(String.valueOf(proposed.getClientId()));
        }
        RegistrationGovernance.refuseGovernanceChanges(context);
        if (Boolean.TRUE.equals(proposed.getAuthorizationServicesEnabled()) && proposed.isServiceAccountsEnabled() == null) {
            // say what Keycloak will make of it: it stores such a client with a service account but creates the
            // service-account user only when asked for one, and its authorization set-up fails without it (a 500)
            proposed.setServiceAccountsEnabled(true);
        }
        boolean withoutAPerson = isRegistrationWithoutAPerson(context);
        Map<String, String> proposedAttributes = ServiceAccountClients.effectiveAttributes(proposed, existing, StoredOwnership.OWNERSHIP_ATTRIBUTES);
        // an owner name the save leaves as it is stays bound to its user; a new one is judged by the name
        proposedAttributes.put(NhiAttributes.OWNER_ID, Owner.proposedBoundId(proposedAttributes.get(NhiAttributes.OWNER),
                existing == null ? null : existing.getAttribute(NhiAttributes.OWNER), existing == null ? null : existing.getAttribute(NhiAttributes.OWNER_ID)));
        String clientId = proposed.getClientId() != null ? proposed.getClientId() : existing == null ? null : existing.getClientId();
        List<FieldViolation> after = violations(clientId, proposedAttributes, withoutAPerson);
        if (existing == null) {
            ClientSaves.judgedCreation(session, proposed.getClientId()); // judged here, report-only or not: no unjudged arrival
            PolicyRefusal.refuseSave(LOG, proposed.getClientId(), after, false);
            return;
        }
        // what the client broke before may stay only if this policy had judged it as a machine identity
        List<FieldViolation> before = JudgedBefore.byExecutor(session, context, OwnerRequiredExecutorFactory.PROVIDER_ID, true)
                ? violations(existing.getClientId(), StoredOwnership.attributes(existing), withoutAPerson) : List.of();
        PolicyRefusal.refuseSaveIfWorse(LOG, session, proposed.getClientId(), before, after, false);
    }

    private List<FieldViolation> violations(String clientId, Map<String, String> attributes, boolean withoutAPerson) {
        List<FieldViolation> violations = ownership().onSave(clientId, attributes);
        return withoutAPerson ? withoutOwnerStates(violations) : violations;
    }

    /** Dynamic registration with an initial or registration access token: a credential, but no person behind it. */
    private static boolean isRegistrationWithoutAPerson(ClientCRUDContext context) {
        return (context instanceof DynamicClientRegisterContext || context instanceof DynamicClientUpdateContext)
                && context.getAuthenticatedUser() == null;
    }

    /**
     * A disabled owner and an unknown one read alike, and no value is echoed: a registration token's holder learns
     * that the owner is not acceptable, not which users exist.
     */
    private static List<FieldViolation> withoutOwnerStates(List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> v.finding() == Finding.OWNER_DISABLED ? new FieldViolation(v.attribute(), v.reason(), Finding.OWNER_MISSING) : v)
                .map(FieldViolation::withoutValue).distinct().toList();
    }

    /** Doors that skip the save (partial import, realm import, the database) end here: no token for an unowned identity. */
    private void onTokenRequest(ClientPolicyContext context) throws ClientPolicyException {
        ClientModel client = TokenMoments.client(session, context).orElse(null);
        if (client == null || !client.isServiceAccountsEnabled()) {
            return;
        }
        List<FieldViolation> violations = ownership().atTokenTime(client);
        if (!violations.isEmpty()) {
            // the authorization endpoint answers whoever knows the clientId: an owner's offboarding is nobody's business there
            throw PolicyRefusal.refuseTokenForSettings(LOG, client.getClientId(), "nhiOwnershipNotMet",
                    ANSWERS_ANYONE.contains(context.getEvent()) ? withoutOwnerStates(violations) : violations);
        }
    }

    private StoredOwnership ownership() {
        return new StoredOwnership(session, session.getContext().getRealm(), config);
    }
}
