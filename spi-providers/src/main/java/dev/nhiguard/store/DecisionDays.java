package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;

/** The decision counts of the readiness view: added to by each node, read summed over nodes. */
public final class DecisionDays {

    /** One client's counts under one rule since a day, all nodes together. */
    public record Counts(String clientId, String rule, long refused, long wouldRefuse) {
    }

    private final EntityManager em;

    public DecisionDays(EntityManager em) {
        this.em = em;
    }

    public void add(String realmId, String clientId, String node, int epochDay, String rule, int refused, int wouldRefuse) {
        String id = DecisionDayEntity.id(clientId, node, epochDay, rule);
        DecisionDayEntity row = em.find(DecisionDayEntity.class, id);
        if (row == null) {
            row = new DecisionDayEntity();
            row.setId(id);
            row.setRealmId(realmId);
            row.setClientId(clientId);
            row.setNode(node);
            row.setEpochDay(epochDay);
            row.setRule(rule);
            em.persist(row);
        }
        row.setRefused(row.getRefused() + refused);
        row.setWouldRefuse(row.getWouldRefuse() + wouldRefuse);
    }

    public List<Counts> since(String realmId, int fromEpochDay) {
        List<Object[]> rows = em.createQuery("select d.clientId, d.rule, sum(d.refused), sum(d.wouldRefuse) from DecisionDayEntity d "
                        + "where d.realmId = :realm and d.epochDay >= :from group by d.clientId, d.rule", Object[].class)
                .setParameter("realm", realmId).setParameter("from", fromEpochDay).getResultList();
        List<Counts> counts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            counts.add(new Counts((String) row[0], (String) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue()));
        }
        return counts;
    }

    public int pruneBefore(String realmId, int epochDay) {
        return em.createQuery("delete from DecisionDayEntity d where d.realmId = :realm and d.epochDay < :day")
                .setParameter("realm", realmId).setParameter("day", epochDay).executeUpdate();
    }
}
