package dev.nhiguard.expiry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.store.OwnerBindingRecords;
import dev.nhiguard.store.OwnerGoneRecords;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the owner grace period the moment an owner is disabled or deleted through Keycloak, in the transaction that
 * changes the user: the clients they own show the finding at once and expire ownerGraceDays later. Changes Keycloak
 * does not announce (a federated directory) are caught by the next sweep.
 */
final class OwnerOffboarding implements EventListenerProvider {

    private final KeycloakSession session;

    OwnerOffboarding(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
    }

    /** An admin updated a user: disabled, their clients' grace starts; enabled again, it ends. */
    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.UPDATE
                || event.getResourcePath() == null || event.getError() != null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length != 2 || !path[0].equals("users")) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
        if (user == null || user.getServiceAccountClientLink() != null) {
            return;
        }
        OwnerGoneRecords records = records(session);
        for (String clientId : ownedBy(session, realm.getId(), user)) {
            if (user.isEnabled()) {
                records.back(clientId);
            } else {
                records.gone(realm.getId(), clientId, user.getUsername(), OwnerGoneRecords.State.DISABLED, PackClock.millis());
            }
        }
    }

    /** A user is being deleted (Keycloak announces it before the deletion, in the same transaction). */
    static void deleted(UserModel.UserRemovedEvent event) {
        UserModel user = event.getUser();
        if (user == null || user.getServiceAccountClientLink() != null) {
            return;
        }
        OwnerGoneRecords records = records(event.getKeycloakSession());
        String realmId = event.getRealm().getId();
        for (String clientId : ownedBy(event.getKeycloakSession(), realmId, user)) {
            records.gone(realmId, clientId, user.getUsername(), OwnerGoneRecords.State.DELETED, PackClock.millis());
        }
    }

    /** The clients bound to the user, and those naming them that are not bound yet (bound to somebody else, they are theirs). */
    private static Set<String> ownedBy(KeycloakSession session, String realmId, UserModel user) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        OwnerBindingRecords bindings = new OwnerBindingRecords(em);
        Set<String> owned = new LinkedHashSet<>(bindings.clientsBoundTo(realmId, user.getId()));
        List<String> named = records(session).clientsOwnedBy(realmId, user.getUsername());
        Map<String, OwnerBindingRecords.Binding> bound = bindings.forClients(named);
        named.stream().filter(clientId -> !bound.containsKey(clientId)).forEach(owned::add);
        return owned;
    }

    private static OwnerGoneRecords records(KeycloakSession session) {
        return new OwnerGoneRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void close() {
    }
}
