package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The recorded issue time of each client's current shared secret (see {@link SecretEntity}). */
public final class SecretRecords {

    /** One client's record: the secret's fingerprint, when it was issued and from which source, Keycloak's creation time then. */
    public record Recorded(String fingerprint, long issuedAt, String issuedFrom, Long keycloakCreated) {
    }

    private final EntityManager em;

    public SecretRecords(EntityManager em) {
        this.em = em;
    }

    public Recorded of(String clientId) {
        SecretEntity row = em.find(SecretEntity.class, clientId);
        return row == null ? null : recorded(row);
    }

    public Map<String, Recorded> ofRealm(String realmId) {
        return byClient(em.createQuery("select s from SecretEntity s where s.realmId = :realm", SecretEntity.class)
                .setParameter("realm", realmId).getResultList());
    }

    public Map<String, Recorded> of(Collection<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        return byClient(em.createQuery("select s from SecretEntity s where s.clientId in :ids", SecretEntity.class)
                .setParameter("ids", clientIds).getResultList());
    }

    /** Records the client's current secret; a row for an earlier secret of the client is replaced. */
    public void put(String realmId, String clientId, Recorded secret, long seenAt) {
        SecretEntity row = em.find(SecretEntity.class, clientId);
        boolean created = row == null;
        if (created) {
            row = new SecretEntity();
            row.setClientId(clientId);
            row.setRealmId(realmId);
        }
        row.setFingerprint(secret.fingerprint());
        row.setIssuedAt(secret.issuedAt());
        row.setIssuedFrom(secret.issuedFrom());
        row.setKeycloakCreated(secret.keycloakCreated());
        row.setSeenAt(seenAt);
        if (created) {
            em.persist(row);
        }
    }

    private static Map<String, Recorded> byClient(List<SecretEntity> rows) {
        Map<String, Recorded> byClient = new HashMap<>();
        rows.forEach(row -> byClient.put(row.getClientId(), recorded(row)));
        return byClient;
    }

    private static Recorded recorded(SecretEntity row) {
        return new Recorded(row.getFingerprint(), row.getIssuedAt(), row.getIssuedFrom(), row.getKeycloakCreated());
    }
}
