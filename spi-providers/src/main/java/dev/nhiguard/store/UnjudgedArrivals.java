package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.List;

/** Machine identities that arrived past every client policy and have not yet been found in order. */
public final class UnjudgedArrivals {

    private final EntityManager em;

    public UnjudgedArrivals(EntityManager em) {
        this.em = em;
    }

    public void arrived(String realmId, String clientId, long now) {
        if (em.find(UnjudgedArrivalEntity.class, clientId) == null) {
            UnjudgedArrivalEntity row = new UnjudgedArrivalEntity();
            row.setClientId(clientId);
            row.setRealmId(realmId);
            row.setArrivedAt(now);
            em.persist(row);
        }
    }

    public boolean isUnjudged(String clientId) {
        return em.find(UnjudgedArrivalEntity.class, clientId) != null;
    }

    public List<String> ofRealm(String realmId) {
        return em.createQuery("select u.clientId from UnjudgedArrivalEntity u where u.realmId = :realm", String.class)
                .setParameter("realm", realmId).getResultList();
    }

    public void judged(String clientId) {
        UnjudgedArrivalEntity row = em.find(UnjudgedArrivalEntity.class, clientId);
        if (row != null) {
            em.remove(row);
        }
    }
}
