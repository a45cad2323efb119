package dev.nhiguard.signals;

import dev.nhiguard.shared.PackVersion;
import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.ssf.event.SsfEvent;
import org.keycloak.ssf.event.SsfEventProviderFactory;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers RISC {@code account-disabled} and {@code account-purged} with Keycloak's Shared Signals transmitter, so receivers can ask for it in
 * their streams and the transmitter advertises it. Only where the transmitter runs (feature {@code ssf}).
 */
public class RiscEventsFactory implements SsfEventProviderFactory, EnvironmentDependentProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-risc";

    @Override
    public Map<String, Supplier<? extends SsfEvent>> getContributedEventFactories() {
        return Map.of(RiscAccountDisabled.TYPE, RiscAccountDisabled::new, RiscAccountPurged.TYPE, RiscAccountPurged::new);
    }

    @Override
    public Set<String> getEmittableEventTypes() {
        return Set.of(RiscAccountDisabled.TYPE, RiscAccountPurged.TYPE);
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Profile.isFeatureEnabled(Profile.Feature.SSF);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }
}
