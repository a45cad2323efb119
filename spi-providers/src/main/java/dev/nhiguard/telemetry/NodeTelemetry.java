package dev.nhiguard.telemetry;

import dev.nhiguard.anomaly.Anomalies;
import dev.nhiguard.node.NodeState;
import dev.nhiguard.shared.ClientsStillThere;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What the identity context keeps on this node between two flushes: the decision counts of the readiness view. Its
 * flush writes them with the node's anomaly state, for the timer, the readiness view and the flush endpoint alike,
 * whether or not the identity-context listener is on.
 */
public final class NodeTelemetry {

    private final DecisionCounts counts = new DecisionCounts();

    public static NodeTelemetry of(KeycloakSession session) {
        return NodeState.of(session).get(NodeTelemetry.class, NodeTelemetry::new);
    }

    static NodeTelemetry of(KeycloakSessionFactory factory) {
        return NodeState.of(factory).get(NodeTelemetry.class, NodeTelemetry::new);
    }

    DecisionCounts counts() {
        return counts;
    }

    /** Writes this node's decision counts and anomaly state now (the readiness view does before it reads). */
    public void flush(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            String node = NodeState.of(session).nodeName();
            counts.flush(session.getProvider(JpaConnectionProvider.class).getEntityManager(), node,
                    (realmId, clientId) -> ClientsStillThere.exists(session, realmId, clientId));
            Anomalies.of(session).flush(session, node);
        });
    }
}
