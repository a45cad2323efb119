package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.Map;

/** Which clients the sweep disabled, and when: the clock of their deletion. */
public final class ExpiryRecords {

    private final EntityManager em;

    public ExpiryRecords(EntityManager em) {
        this.em = em;
    }

    public Map<String, Long> disabledAt(String realmId) {
        Map<String, Long> byClient = new HashMap<>();
        for (ExpiryEntity row : em.createQuery("select e from ExpiryEntity e where e.realmId = :realm", ExpiryEntity.class)
                .setParameter("realm", realmId).getResultList()) {
            byClient.put(row.getClientId(), row.getDisabledAt());
        }
        return byClient;
    }

    public void disabled(String realmId, String clientId, String rule, long now) {
        ExpiryEntity row = em.find(ExpiryEntity.class, clientId);
        if (row == null) {
            row = new ExpiryEntity();
            row.setClientId(clientId);
            row.setRealmId(realmId);
            row.setRule(rule);
            row.setDisabledAt(now);
            em.persist(row);
        }
    }

    /** The client is enabled again, or gone: its deletion clock stops. */
    public void clear(String clientId) {
        ExpiryEntity row = em.find(ExpiryEntity.class, clientId);
        if (row != null) {
            em.remove(row);
        }
    }
}
