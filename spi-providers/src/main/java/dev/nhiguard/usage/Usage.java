package dev.nhiguard.usage;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;

/** Where the rest of the pack finds this node's usage recorder. */
public final class Usage {

    private Usage() {
    }

    public static UsageRecorderFactory recorder(KeycloakSession session) {
        return (UsageRecorderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, UsageRecorderFactory.PROVIDER_ID);
    }
}
