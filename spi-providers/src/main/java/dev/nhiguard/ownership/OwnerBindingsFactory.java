package dev.nhiguard.ownership;

import dev.nhiguard.shared.PackVersion;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds owners to people and keeps the bindings ({@link OwnerBinding}): at the end of every transaction that creates,
 * updates or removes a client, whatever the door ({@link ClientSaves}), and by a walk at start-up and every
 * {@value OwnerBindingWalk#INTERVAL_SECONDS} s ({@link OwnerBindingWalk}). It listens to Keycloak's model events,
 * not to user or admin events: its event listener does nothing and is in no realm's list.
 */
public class OwnerBindingsFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-owner-bindings";

    private static final EventListenerProvider NOTHING = new EventListenerProvider() {
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

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(ClientSaves::onEvent);
        OwnerBindingWalk.schedule(factory);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(PackVersion.operationalInfo());
        info.put("binding-walk-interval-seconds", String.valueOf(OwnerBindingWalk.INTERVAL_SECONDS));
        return info;
    }
}
