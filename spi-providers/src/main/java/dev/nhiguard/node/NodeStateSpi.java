package dev.nhiguard.node;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The pack's own SPI for what one Keycloak node holds in memory for the pack. It has one provider and no switch the
 * pack's features depend on: whichever of the pack's listeners an admin switches off, every reader finds the node's
 * state here.
 */
public class NodeStateSpi implements Spi {

    public static final String NAME = "nhi-node-state";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return NodeStateProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return NodeStateFactory.class;
    }
}
