package dev.nhiguard.expiry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.store.SweepRuns;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A realm's scheduled sweep, run when its sweepIntervalHours have passed since its last run (never run: due at once),
 * by one node of a cluster at a time: {@link SweepLock} lets one node run it, and the time of the last run, kept in
 * the database, tells every node it is done.
 */
public final class ScheduledSweeps {

    private final KeycloakSessionFactory sessionFactory;

    public ScheduledSweeps(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    public void sweepIfDue(String realmId) {
        if (isDue(realmId)) {
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> SweepLock.run(session, realmId, () ->
                    // another node may have finished it while this one waited
                    isDue(realmId) ? new Sweep(sessionFactory, realmId).run(false, null, Actor.scheduled(realmId)) : null));
        }
    }

    private boolean isDue(String realmId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return false;
            }
            Long lastRun = new SweepRuns(session.getProvider(JpaConnectionProvider.class).getEntityManager()).lastRun(realmId);
            return lastRun == null || lastRun + ExpirySettings.of(realm).sweepIntervalHours() * 3_600_000L <= PackClock.millis();
        });
    }
}
