package dev.nhiguard.keycloakdb;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.ClientEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes changes to one client take turns across a cluster: the client's row is locked for the rest of the transaction,
 * and what a decision depends on is read afresh from the database, not from a cache that another node's commit may
 * not have reached yet.
 */
public final class ClientRowLock {

    /** The client as the database holds it once the lock is ours. */
    public record Locked(boolean enabled, boolean serviceAccountsEnabled, Map<String, String> attributes) {

        public String attribute(String name) {
            return attributes.get(name);
        }
    }

    private ClientRowLock() {
    }

    /** Waits for any other holder's commit, then reads; empty when the client is gone meanwhile. */
    public static Optional<Locked> lock(KeycloakSession session, String clientUuid, Collection<String> attributeNames) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        ClientEntity client = em.find(ClientEntity.class, clientUuid);
        if (client == null) {
            return Optional.empty();
        }
        em.refresh(client, LockModeType.PESSIMISTIC_WRITE); // a locking read: the latest committed row on every database
        // The attributes are read in a transaction of their own, begun after the lock was granted: under MariaDB's
        // and MySQL's default isolation (repeatable read) this request's own transaction would still see them as
        // they were at its first read, before the holder it waited for committed.
        Map<String, String> attributes = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), fresh -> {
            Map<String, String> read = new HashMap<>();
            KeycloakQuery.NAMED_ATTRIBUTES_OF_CLIENT.create(fresh.getProvider(JpaConnectionProvider.class).getEntityManager(), Object[].class)
                    .setParameter("id", clientUuid).setParameter("names", attributeNames).getResultList()
                    .forEach(row -> read.put((String) row[0], (String) row[1]));
            return read;
        });
        return Optional.of(new Locked(client.isEnabled(), client.isServiceAccountsEnabled(), attributes));
    }
}
