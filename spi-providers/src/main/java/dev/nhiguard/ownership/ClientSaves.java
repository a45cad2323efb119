package dev.nhiguard.ownership;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.shared.AfterCommit;
import dev.nhiguard.policy.RealmPolicies;
import dev.nhiguard.store.UnjudgedArrivals;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.utils.KeycloakSessionUtil;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pack does with every client a transaction creates or updates, whatever the door (admin API, dynamic
 * registration, partial import, realm import at start-up): at the end of the transaction, in its prepare phase, when
 * the client is complete, its owner is bound ({@link OwnerBinding}), and a machine identity created past every client
 * policy while an ownership policy selects it is marked as an unjudged arrival, which the token endpoint judges in
 * full until its ownership has been found in order.
 */
final class ClientSaves {

    private static final Logger LOG = Logger.getLogger(ClientSaves.class);
    private static final String KEY = ClientSaves.class.getName();
    private static final String JUDGED_CREATION = KEY + ".judged.";

    private final KeycloakSession session;
    /** client id → created in this transaction */
    private final Map<String, Boolean> touched = new LinkedHashMap<>();
    private final Map<String, String> realms = new LinkedHashMap<>();
    /** realm id and clientId of a client removed in this transaction → its owner as bound (an import that replaces it, OVERWRITE) */
    private final Map<String, Owner> removed = new HashMap<>();

    private ClientSaves(KeycloakSession session) {
        this.session = session;
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof ClientModel.ClientCreationEvent created) {
            // Keycloak's creation event carries no session: the one serving this thread created the client
            KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
            if (session == null) {
                LOG.warnf("client %s was created outside a session the pack can see: its owner is bound by the binding walk",
                        created.getCreatedClient().getClientId());
                return;
            }
            of(session).touched(created.getCreatedClient(), true);
        } else if (event instanceof ClientModel.ClientUpdatedEvent updated) {
            of(updated.getKeycloakSession()).touched(updated.getUpdatedClient(), false);
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            of(removed.getKeycloakSession()).removed(removed.getClient());
        }
    }

    /** An ownership policy judged the creation of this client (by its clientId: it has no id before it is created). */
    static void judgedCreation(KeycloakSession session, String clientId) {
        session.setAttribute(JUDGED_CREATION + clientId, Boolean.TRUE);
    }

    private static ClientSaves of(KeycloakSession session) {
        ClientSaves saves = session.getAttribute(KEY, ClientSaves.class);
        if (saves == null) {
            saves = new ClientSaves(session);
            session.setAttribute(KEY, saves);
            AfterCommit.providersForCommit(session);
            session.getTransactionManager().enlistPrepare(AfterCommit.onCommit(saves::atCommit));
        }
        return saves;
    }

    private void removed(ClientModel client) {
        Owner owner = Owner.of(client::getAttribute);
        if (owner.isBound()) {
            removed.put(client.getRealm().getId() + '/' + client.getClientId(), owner);
        }
    }

    private void touched(ClientModel client, boolean created) {
        touched.merge(client.getId(), created, Boolean::logicalOr);
        realms.putIfAbsent(client.getId(), client.getRealm().getId());
    }

    private void atCommit() {
        Map<String, List<RealmPolicies.Applied>> ownershipPolicies = new HashMap<>(); // an import brings thousands of clients of one realm
        touched.forEach((id, created) -> {
            RealmModel realm = session.realms().getRealm(realms.get(id));
            ClientModel client = realm == null ? null : realm.getClientById(id);
            if (client == null) {
                return; // removed in the same transaction
            }
            boolean judged = Boolean.TRUE.equals(session.getAttribute(JUDGED_CREATION + client.getClientId()));
            Owner replaced = created ? removed.get(realm.getId() + '/' + client.getClientId()) : null;
            Owner now = Owner.of(client::getAttribute);
            if (replaced != null && !judged && !now.isBound() && Owner.sameName(replaced.name(), now.name())) {
                // replaced by an import of itself that carries no binding: the owner stays the person it was bound to
                new OwnerBinding(session, realm).carryOver(client, replaced.boundId());
            } else {
                new OwnerBinding(session, realm).afterSave(client, created && judged);
            }
            if (created && !judged && client.isServiceAccountsEnabled() && selectedByOwnershipPolicy(
                    ownershipPolicies.computeIfAbsent(realm.getId(), r -> RealmPolicies.read(session, realm).of(OwnerRequiredExecutorFactory.PROVIDER_ID)),
                    client)) {
                new UnjudgedArrivals(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                        .arrived(realm.getId(), id, PackClock.millis());
                LOG.infof("realm %s: machine identity %s arrived past every client policy (an import): its token requests are judged in "
                        + "full until its ownership is in order", realm.getName(), client.getClientId());
            }
        });
    }

    /** Whether an enabled policy holding nhi-owner-required may select the client; a condition the pack cannot judge counts as yes. */
    private static boolean selectedByOwnershipPolicy(List<RealmPolicies.Applied> ownershipPolicies, ClientModel client) {
        return ownershipPolicies.stream()
                .anyMatch(applied -> PolicySelection.selects(applied.conditions(), client.getAttributes()) != PolicySelection.Vote.NO);
    }
}
