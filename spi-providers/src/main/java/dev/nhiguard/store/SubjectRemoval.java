package dev.nhiguard.store;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

import java.util.List;

/**
 * Deletes the pack's rows of a client or realm Keycloak removes, in the transaction that removes it: usage,
 * certificates, owner grace periods, expiry state, reminders, decision counts, anomaly flags, baselines, hourly
 * counts, key fingerprints, owner bindings and unjudged arrivals, and a realm's sweep time and secret history. What the pack keeps by design outlives its subject: the
 * audit of retirements, the review history, the revocation signals and the dates of the secrets a client held (a client
 * imported over its old self must not bring back an expired secret as new), which hold the client's id and name for that reason (their retention: docs/operations.md, Databases).
 */
final class SubjectRemoval {

    private static final Logger LOG = Logger.getLogger(SubjectRemoval.class);

    /** Every table keyed by a client; the audit and the reviews are not among them on purpose. */
    static final List<Class<?>> PER_CLIENT = List.of(UsageEntity.class, UsageDayEntity.class, UsageScopeEntity.class,
            ClientCertificateEntity.class, OwnerGoneEntity.class, ExpiryEntity.class, ReminderEntity.class, DecisionDayEntity.class,
            AnomalyEntity.class, BaselineEntity.class, RateHourEntity.class, ClientKeyEntity.class, OwnerBindingEntity.class,
            UnjudgedArrivalEntity.class);

    private SubjectRemoval() {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof ClientModel.ClientRemovedEvent removed) {
            clientRemoved(removed.getKeycloakSession(), removed.getClient());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            realmRemoved(removed.getKeycloakSession(), removed.getRealm());
        }
    }

    private static void clientRemoved(KeycloakSession session, ClientModel client) {
        int rows = delete(session, PER_CLIENT, "clientId", client.getId());
        LOG.debugf("client %s removed: %d rows of the pack deleted with it", client.getClientId(), rows);
    }

    private static void realmRemoved(KeycloakSession session, RealmModel realm) {
        int rows = delete(session, PER_CLIENT, "realmId", realm.getId()) + delete(session, List.of(SweepRunEntity.class, SecretEntity.class), "realmId", realm.getId());
        LOG.debugf("realm %s removed: %d rows of the pack deleted with it", realm.getName(), rows);
    }

    private static int delete(KeycloakSession session, List<Class<?>> tables, String field, String id) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        int rows = 0;
        for (Class<?> table : tables) {
            rows += em.createQuery("delete from " + table.getSimpleName() + " e where e." + field + " = :id")
                    .setParameter("id", id).executeUpdate();
        }
        return rows;
    }
}
