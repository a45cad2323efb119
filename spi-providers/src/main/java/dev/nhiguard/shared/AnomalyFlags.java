package dev.nhiguard.shared;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;

import java.util.Set;

/**
 * The node's open anomaly flags, as the blocking executor and the review flow need them. One instance per node, held
 * by the identity-context listener's factory: Keycloak makes a factory of its own for every client-policy component,
 * so an executor's factory cannot hold node-wide state.
 */
public interface AnomalyFlags {

    /** The kinds of open flags of a client, as this node knows them. */
    Set<String> openKinds(String clientUuid);

    /**
     * Writes the flags this node raised for the client and has not written yet, in the caller's transaction, so a
     * review about to clear them sees what the node's token endpoint refuses on.
     */
    void writeRaised(KeycloakSession session, String clientUuid);

    /** An owner or admin cleared the client's flags: this node stops refusing at once. */
    void cleared(String clientUuid);

    /** Whoever holds the node's flags. */
    interface Holder {
        AnomalyFlags anomalyFlags();
    }

    static AnomalyFlags of(KeycloakSession session) {
        return ((Holder) session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class, SaveRecords.LISTENER_ID))
                .anomalyFlags();
    }
}
