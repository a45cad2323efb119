package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** The governance history of machine identities, kept after they are gone. */
public final class AuditRecords {

    /** One record as the API shows it: the client's settings before and after as JSON objects, the time in ISO-8601. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "clientUuid", "clientId", "action", "rule", "actor", "time", "before", "after"})
    public record Entry(String id, String clientUuid, String clientId, String action, String rule, String actor, String time,
                        com.fasterxml.jackson.databind.JsonNode before, com.fasterxml.jackson.databind.JsonNode after) {
    }

    private final EntityManager em;

    public AuditRecords(EntityManager em) {
        this.em = em;
    }

    public Entry write(String realmId, String clientUuid, String clientId, String action, String rule, String actor, long time,
                       String before, String after) {
        AuditEntity row = new AuditEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realmId);
        row.setClientId(clientUuid);
        row.setClientName(clientId);
        row.setAction(action);
        row.setRule(rule);
        row.setActor(actor);
        row.setTime(time);
        row.setBefore(limit(before));
        row.setAfter(limit(after));
        em.persist(row);
        return entry(row);
    }

    /** The records of every client of the realm that had this clientId, also deleted ones, newest first. */
    public List<Entry> forClient(String realmId, String clientId, int first, int max) {
        return em.createQuery("select a from AuditEntity a where a.realmId = :realm and a.clientName = :client order by a.time desc, a.id",
                        AuditEntity.class)
                .setParameter("realm", realmId).setParameter("client", clientId).setFirstResult(first).setMaxResults(max)
                .getResultList().stream().map(AuditRecords::entry).toList();
    }

    public List<Entry> forRealm(String realmId, int first, int max) {
        return em.createQuery("select a from AuditEntity a where a.realmId = :realm order by a.time desc, a.id", AuditEntity.class)
                .setParameter("realm", realmId).setFirstResult(first).setMaxResults(max).getResultList().stream().map(AuditRecords::entry).toList();
    }

    private static Entry entry(AuditEntity row) {
        return new Entry(row.getId(), row.getClientId(), row.getClientName(), row.getAction(), row.getRule(), row.getActor(),
                java.time.Instant.ofEpochMilli(row.getTime()).toString(), json(row.getBefore()), json(row.getAfter()));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return org.keycloak.util.JsonSerialization.readValue(stored, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(stored); // cut at the column's length: shown as it is
        }
    }

    private static String limit(String json) {
        return json == null || json.length() <= AuditEntity.STATE_LENGTH ? json : json.substring(0, AuditEntity.STATE_LENGTH);
    }
}
