package dev.nhiguard.shared;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keycloak admin events for the pack's governance actions, in the session (and transaction) of the action itself:
 * stored when the realm keeps admin events, and passed to the realm's event listeners, as Keycloak does for its own.
 * The scheduled sweep has no admin token, so the events are built here rather than through Keycloak's request-bound
 * builder; the actor is the admin who asked, or none for the schedule (details say {@code nhi.actor}).
 */
public final class GovernanceEvents {

    private GovernanceEvents() {
    }

    public static void client(KeycloakSession session, RealmModel realm, Actor actor, OperationType operation, String clientId,
                              String representation, Map<String, String> details) {
        AdminEvent event = new AdminEvent();
        event.setId(UUID.randomUUID().toString());
        event.setTime(PackClock.millis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(actor.realmId());
        auth.setUserId(actor.userId());
        auth.setClientId(actor.clientId());
        auth.setIpAddress(actor.ipAddress());
        event.setAuthDetails(auth);
        event.setResourceType(ResourceType.CLIENT);
        event.setOperationType(operation);
        event.setResourcePath("clients/" + clientId);
        event.setDetails(new java.util.HashMap<>(details));
        event.getDetails().put("nhi.actor", actor.label());
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (withRepresentation) {
            event.setRepresentation(representation);
        }
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, withRepresentation);
            }
        }
        Set<String> realmListeners = Set.copyOf(realm.getEventsListenersStream().toList());
        session.getKeycloakSessionFactory().getProviderFactoriesStream(EventListenerProvider.class)
                .filter(f -> realmListeners.contains(f.getId()) || ((EventListenerProviderFactory) f).isGlobal())
                .forEach(f -> session.getProvider(EventListenerProvider.class, f.getId()).onEvent(event, withRepresentation));
    }
}
