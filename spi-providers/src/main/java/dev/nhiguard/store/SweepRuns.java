package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

/** When each realm was last swept. */
public final class SweepRuns {

    private final EntityManager em;

    public SweepRuns(EntityManager em) {
        this.em = em;
    }

    public Long lastRun(String realmId) {
        SweepRunEntity row = em.find(SweepRunEntity.class, realmId);
        return row == null ? null : row.getLastRun();
    }

    public void ran(String realmId, long at) {
        SweepRunEntity row = em.find(SweepRunEntity.class, realmId);
        if (row == null) {
            row = new SweepRunEntity();
            row.setRealmId(realmId);
            row.setLastRun(at);
            em.persist(row);
            return;
        }
        row.setLastRun(at);
    }
}
