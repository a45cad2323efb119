package dev.nhiguard.scheduling;

import dev.nhiguard.expiry.ExpiryFactory;
import dev.nhiguard.expiry.ScheduledSweeps;
import dev.nhiguard.review.ReviewReminders;
import dev.nhiguard.shared.RealmIds;
import dev.nhiguard.shared.TimedTasks;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

import java.util.List;

/**
 * The lifecycle's timed work on every node, every {@code sweep-check-interval} seconds (an option of
 * {@code nhi-expiry}): each realm's sweep when it is due, then its review reminders. It sits above the packages whose
 * work it times, so neither the sweep nor the reviews depend on the other.
 */
public final class LifecycleScheduler {

    private static final Logger LOG = Logger.getLogger(LifecycleScheduler.class);

    private final KeycloakSessionFactory sessionFactory;

    private LifecycleScheduler(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** Schedules the work with Keycloak's timer, from Keycloak's start; called once per node, after every provider is initialised. */
    public static void start(KeycloakSessionFactory factory) {
        ProviderFactory<EventListenerProvider> expiry = factory.getProviderFactory(EventListenerProvider.class, ExpiryFactory.PROVIDER_ID);
        int seconds = expiry instanceof ExpiryFactory configured ? configured.checkIntervalSeconds() : ExpiryFactory.DEFAULT_SWEEP_CHECK_INTERVAL;
        TimedTasks.everyAfterStart(factory, "nhi-expiry-sweep", seconds * 1000L, new LifecycleScheduler(factory)::run);
    }

    void run() {
        List<String> realmIds = RealmIds.all(sessionFactory);
        ScheduledSweeps sweeps = new ScheduledSweeps(sessionFactory);
        for (String realmId : realmIds) {
            try {
                sweeps.sweepIfDue(realmId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "nhi-expiry: the scheduled sweep of realm %s failed; it is tried again at the next check", realmId);
            }
            try {
                new ReviewReminders(sessionFactory, null).remind(realmId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "nhi-expiry: review reminders of realm %s failed; they are tried again at the next check", realmId);
            }
        }
    }
}
