package dev.nhiguard.node;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Where every capability finds the node's state: one way, never null. */
public final class NodeState {

    private NodeState() {
    }

    public static NodeStateFactory of(KeycloakSession session) {
        return of(session.getKeycloakSessionFactory());
    }

    public static NodeStateFactory of(KeycloakSessionFactory factory) {
        if (factory.getProviderFactory(NodeStateProvider.class) instanceof NodeStateFactory node) {
            return node;
        }
        throw new IllegalStateException("NHI Guard's provider " + NodeStateSpi.NAME + " is missing: the jar is incomplete or was not built in");
    }
}
