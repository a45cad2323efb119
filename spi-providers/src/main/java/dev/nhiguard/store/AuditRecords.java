package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** The governance history of machine identities, kept after they are gone. */
public final class AuditRecords {

    /** One record as the API shows it. */
    public record Entry(String id, String clientId, String clientName, String action, String rule, String actor, long time,
                        String before, String after) {
    }

    private final EntityManager em;

    public AuditRecords(EntityManager em) {
        this.em = em;
    }

    public Entry write(String realmId, String clientId, String clientName, String action, String rule, String actor, long time,
                       String before, String after) {
        AuditEntity row = new AuditEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realmId);
        row.setClientId(clientId);
        row.setClientName(clientName);
        row.setAction(action);
        row.setRule(rule);
        row.setActor(actor);
        row.setTime(time);
        row.setBefore(limit(before));
        row.setAfter(limit(after));
        em.persist(row);
        return entry(row);
    }

    public List<Entry> forClient(String realmId, String clientId) {
        return em.createQuery("select a from AuditEntity a where a.realmId = :realm and a.clientId = :client order by a.time, a.id",
                        AuditEntity.class)
                .setParameter("realm", realmId).setParameter("client", clientId).getResultList().stream().map(AuditRecords::entry).toList();
    }

    public List<Entry> forRealm(String realmId, int first, int max) {
        return em.createQuery("select a from AuditEntity a where a.realmId = :realm order by a.time desc, a.id", AuditEntity.class)
                .setParameter("realm", realmId).setFirstResult(first).setMaxResults(max).getResultList().stream().map(AuditRecords::entry).toList();
    }

    private static Entry entry(AuditEntity row) {
        return new Entry(row.getId(), row.getClientId(), row.getClientName(), row.getAction(), row.getRule(), row.getActor(),
                row.getTime(), row.getBefore(), row.getAfter());
    }

    private static String limit(String json) {
        return json == null || json.length() <= AuditEntity.STATE_LENGTH ? json : json.substring(0, AuditEntity.STATE_LENGTH);
    }
}
