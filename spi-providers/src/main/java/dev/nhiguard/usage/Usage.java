package dev.nhiguard.usage;

import dev.nhiguard.node.NodeState;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.Map;
import java.util.Optional;

/** Where the rest of the pack finds this node's usage tracking: none when its listener is switched off. */
public final class Usage {

    private Usage() {
    }

    /** The buffer the token path writes to, while usage tracking is on. */
    public static Optional<UsageBuffer> buffer(KeycloakSession session) {
        return buffer(session.getKeycloakSessionFactory());
    }

    public static Optional<UsageBuffer> buffer(KeycloakSessionFactory factory) {
        return factory.getProviderFactory(EventListenerProvider.class, UsageRecorderFactory.PROVIDER_ID) == null ? Optional.empty()
                : Optional.of(NodeState.of(factory).get(UsageBuffer.class, UsageBuffer::new));
    }

    /** Writes what this node saw now; how many clients of each realm were written (none while tracking is off). */
    public static Map<String, Integer> flush(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class, UsageRecorderFactory.PROVIDER_ID)
                instanceof UsageRecorderFactory tracking ? tracking.flush() : Map.of();
    }
}
