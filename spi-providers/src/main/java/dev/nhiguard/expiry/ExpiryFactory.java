package dev.nhiguard.expiry;

import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.PackVersion;
import dev.nhiguard.store.SweepRuns;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

import java.util.List;
import java.util.Map;

/**
 * The expiry lifecycle's server side: notes owners leaving (a global event listener, and Keycloak's announcement of
 * user deletions) and runs each realm's sweep once per its sweepIntervalHours across a cluster. Every node checks
 * every {@code sweep-check-interval} seconds which realms are due; {@link SweepLock} lets one node run a
 * realm's sweep at a time, and the time of the last run, kept in the database, tells all nodes it is done.
 */
public class ExpiryFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-expiry";
    public static final String SWEEP_CHECK_INTERVAL = "sweep-check-interval";
    static final int DEFAULT_SWEEP_CHECK_INTERVAL = 300;
    private static final Logger LOG = Logger.getLogger(ExpiryFactory.class);

    private int checkIntervalSeconds = DEFAULT_SWEEP_CHECK_INTERVAL;
    private KeycloakSessionFactory sessionFactory;

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
        this.sessionFactory = factory;
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                OwnerOffboarding.deleted(removed);
            }
            ExpirySettingsGuard.onEvent(event);
        });
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(this::sweepDueRealms, checkIntervalSeconds * 1000L, "nhi-expiry-sweep"));
    }

    /** Runs the sweep of every realm whose interval has passed since its last run (never run: due at once). */
    void sweepDueRealms() {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                if (isDue(realmId)) {
                    KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> SweepLock.run(session, realmId, () ->
                            // another node may have finished it while this one waited
                            isDue(realmId) ? new Sweep(sessionFactory, realmId).run(false, null, Actor.scheduled(realmId)) : null));
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "nhi-expiry: the scheduled sweep of realm %s failed; it is tried again at the next check", realmId);
            }
            try {
                new dev.nhiguard.review.ReviewReminders(sessionFactory, null).remind(realmId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "nhi-expiry: review reminders of realm %s failed; they are tried again at the next check", realmId);
            }
        }
    }

    private boolean isDue(String realmId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return false;
            }
            Long lastRun = new SweepRuns(session.getProvider(JpaConnectionProvider.class).getEntityManager()).lastRun(realmId);
            return lastRun == null || lastRun + ExpirySettings.of(realm).sweepIntervalHours() * 3_600_000L <= System.currentTimeMillis();
        });
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
        return Map.of("nhi-guard-version", PackVersion.version(), "sweep-check-interval-seconds", String.valueOf(checkIntervalSeconds));
    }
}
