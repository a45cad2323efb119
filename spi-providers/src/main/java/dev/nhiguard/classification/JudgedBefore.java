package dev.nhiguard.classification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.policy.RealmPolicies;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.util.JsonSerialization;


/**
 * Whether an executor judged a client as it is stored, before the save now being judged. An update may keep what the
 * client broke before ("no new violation"), but only what a policy holding that executor had already accepted: a
 * client that was no machine identity (service account off) or that no such policy selected (a tier, environment or
 * attribute a condition now matches) was never judged, and its save is judged in full, as a create is. Otherwise a
 * client could be broken while out of the policy's sight and brought back with its problems counted as old ones.
 *
 * <p>The stored client is put to the same conditions Keycloak evaluates, by the same condition providers and the same
 * rules (every condition yes or abstain, at least one yes, none abstaining in a strict policy), presented as a save
 * of the stored client by the same caller.
 */
public final class JudgedBefore {

    private static final Logger LOG = Logger.getLogger(JudgedBefore.class);
    private static final String STRICT = "STRICT";

    private JudgedBefore() {
    }

    /**
     * @param machineIdentitiesOnly the executor judges service-account clients only: a stored client without a
     *                              service account was not judged by it, whatever selected it
     */
    public static boolean byExecutor(KeycloakSession session, ClientCRUDContext context, String executorId, boolean machineIdentitiesOnly) {
        ClientModel stored = context.getTargetClient();
        if (stored == null || machineIdentitiesOnly && !stored.isServiceAccountsEnabled()) {
            return false;
        }
        RealmModel realm = stored.getRealm();
        ClientCRUDContext asStored = new StoredClientSave(context, ModelToRepresentation.toRepresentation(stored, session), stored);
        try {
            for (RealmPolicies.Applied applied : RealmPolicies.read(session, realm).of(executorId)) {
                if (selects(session, applied, asStored)) {
                    return true;
                }
            }
            return false;
        } catch (ClientPolicyException | RuntimeException e) {
            // a condition that fails: the stored client cannot be shown to have been judged
            LOG.warnf("realm %s: whether client %s was judged by %s before cannot be told (%s); its save is judged in full",
                    realm.getName(), stored.getClientId(), executorId, e.getMessage());
            return false;
        }
    }

    /** Keycloak's own rule: no condition says no, at least one says yes, and a strict policy takes no abstention. */
    private static boolean selects(KeycloakSession session, RealmPolicies.Applied policy, ClientCRUDContext context)
            throws ClientPolicyException {
        if (policy.conditions().isEmpty()) {
            return false;
        }
        boolean yes = false;
        for (ClientPolicyConditionRepresentation condition : policy.conditions()) {
            ClientPolicyConditionProvider<?> provider = provider(session, condition);
            ClientPolicyVote vote = provider.applyPolicy(context);
            if (provider.isNegativeLogic()) {
                vote = vote == ClientPolicyVote.YES ? ClientPolicyVote.NO : vote == ClientPolicyVote.NO ? ClientPolicyVote.YES : vote;
            }
            if (vote == ClientPolicyVote.NO) {
                return false;
            }
            if (vote == ClientPolicyVote.ABSTAIN) {
                if (STRICT.equalsIgnoreCase(policy.mode())) {
                    return false;
                }
                continue;
            }
            yes = true;
        }
        return yes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ClientPolicyConditionProvider<?> provider(KeycloakSession session, ClientPolicyConditionRepresentation condition) {
        ProviderFactory<?> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(ClientPolicyConditionProvider.class, condition.getConditionProviderId());
        if (factory == null) {
            throw new IllegalStateException("no condition " + condition.getConditionProviderId());
        }
        ClientPolicyConditionProvider provider = (ClientPolicyConditionProvider) factory.create(session);
        JsonNode configuration = condition.getConfiguration();
        Object typed = JsonSerialization.mapper.convertValue(configuration == null ? JsonSerialization.mapper.createObjectNode() : configuration,
                provider.getConditionConfigurationClass());
        provider.setupConfiguration((ClientPolicyConditionConfigurationRepresentation) typed);
        return provider;
    }

    /** The save of the stored client as it is, by the caller of the save being judged. */
    private record StoredClientSave(ClientCRUDContext save, ClientRepresentation storedRepresentation, ClientModel stored)
            implements ClientCRUDContext {

        @Override
        public ClientPolicyEvent getEvent() {
            return ClientPolicyEvent.UPDATE;
        }

        @Override
        public ClientRepresentation getProposedClientRepresentation() {
            return storedRepresentation;
        }

        @Override
        public ClientModel getTargetClient() {
            return stored;
        }

        @Override
        public UserModel getAuthenticatedUser() {
            return save.getAuthenticatedUser();
        }

        @Override
        public ClientModel getAuthenticatedClient() {
            return save.getAuthenticatedClient();
        }

        @Override
        public JsonWebToken getToken() {
            return save.getToken();
        }
    }
}
