package dev.nhiguard.shared;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;

/**
 * The pack's timed work on Keycloak's timer. Scheduled once Keycloak has started (its database migrated, the realm
 * import done): a task that ran earlier would reach the cluster's caches before their tables exist (seen on a fresh
 * PostgreSQL with JGroups' JDBC_PING). And no exception leaves a task: Keycloak's timer runs every provider's tasks
 * on one thread, which an exception would end, failing the start-up that schedules after it.
 */
public final class TimedTasks {

    private static final Logger LOG = Logger.getLogger(TimedTasks.class);

    private TimedTasks() {
    }

    /** Runs {@code task} every {@code intervalMillis} once Keycloak has started. */
    public static void everyAfterStart(KeycloakSessionFactory factory, String name, long intervalMillis, Runnable task) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(() -> runQuietly(name, task), intervalMillis, name));
            }
        });
    }

    private static void runQuietly(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s failed; it runs again at its next interval", name);
        }
    }
}
