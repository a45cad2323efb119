package dev.nhiguard.node;

import org.keycloak.provider.Provider;

/** Nothing per session: the node's state lives in its factory, {@link NodeStateFactory}. */
public interface NodeStateProvider extends Provider {
}
