package dev.nhiguard.usage;

import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.policy.TokenEvents;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Set;

/**
 * Sees every token request Keycloak answers (its events carry the grant type for every token-endpoint request, the
 * client, the address and, on success, the granted scope) and notes the service-account clients' ones in memory,
 * when the identity-context listener is switched off; otherwise that listener notes them in the same buffer.
 */
final class UsageRecorder implements EventListenerProvider {

    /**
     * While the identity-context listener runs, it hands usage to the buffer from its own reading of each token event,
     * and this listener does nothing (one pass over an event, not two).
     */
    static final EventListenerProvider FED_BY_IDENTITY_CONTEXT = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    private final KeycloakSession session;
    private final UsageBuffer buffer;

    UsageRecorder(KeycloakSession session, UsageBuffer buffer) {
        this.session = session;
        this.buffer = buffer;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, String> details = event.getDetails();
        String grant = details == null ? null : details.get(Details.GRANT_TYPE);
        if (grant == null || event.getClientId() == null || event.getRealmId() == null) {
            return; // not a token-endpoint request
        }
        ClientModel client = TokenEvents.clientOf(session, event);
        if (client == null || !client.isServiceAccountsEnabled()) {
            return;
        }
        RealmModel realm = client.getRealm();
        boolean granted = TokenEvents.granted(event);
        boolean authenticated = granted || TokenEvents.authenticated(session, client);
        buffer.add(new Observation(realm.getId(), client.getId(), event.getTime(), granted, authenticated, event.getIpAddress(), grant,
                authenticated ? TokenEvents.requestedScopes(session, RequestNotes.current(session).orElse(null)) : Set.of(), granted ? TokenEvents.scopes(details.get(Details.SCOPE)) : Set.of()));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
