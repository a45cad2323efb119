package dev.nhiguard.expiry;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.RealmSettingsGuard;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * The expiry lifecycle's server side: notes owners leaving (a global event listener, and Keycloak's announcement of
 * user deletions), and holds the {@code sweep-check-interval} option: every that many seconds each node's lifecycle
 * scheduler ({@code dev.nhiguard.scheduling}) runs the sweeps that are due ({@link ScheduledSweeps}) and the reminders.
 */
public class ExpiryFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-expiry";
    public static final String SWEEP_CHECK_INTERVAL = "sweep-check-interval";
    public static final int DEFAULT_SWEEP_CHECK_INTERVAL = 300;

    private int checkIntervalSeconds = DEFAULT_SWEEP_CHECK_INTERVAL;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new OwnerOffboarding(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        checkIntervalSeconds = config.getInt(SWEEP_CHECK_INTERVAL, DEFAULT_SWEEP_CHECK_INTERVAL);
        if (checkIntervalSeconds < 1) {
            throw new IllegalArgumentException("nhi-expiry: " + SWEEP_CHECK_INTERVAL + " must be at least 1 second, got " + checkIntervalSeconds);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                OwnerOffboarding.deleted(removed);
            }
            RealmSettingsGuard.onEvent(event, ExpirySettings::problems);
        });
    }

    /** How often the lifecycle scheduler ({@code dev.nhiguard.scheduling}) looks for due sweeps and reminders. */
    public int checkIntervalSeconds() {
        return checkIntervalSeconds;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(SWEEP_CHECK_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between two checks of which realms are due for their scheduled sweep.")
                .defaultValue(DEFAULT_SWEEP_CHECK_INTERVAL).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return dev.nhiguard.shared.ServerOptionsInfo.of(getConfigMetadata(), Map.of(SWEEP_CHECK_INTERVAL, checkIntervalSeconds));
    }
}
