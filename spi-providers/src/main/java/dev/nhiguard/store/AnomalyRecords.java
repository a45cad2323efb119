package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Anomaly flags, baselines and hourly rates: written per node, read across nodes. */
public final class AnomalyRecords {

    public record Flag(String clientId, String kind, String detail, long raisedAt) {
    }

    public record BaselineValue(String kind, String value, long firstSeen) {
    }

    private final EntityManager em;

    public AnomalyRecords(EntityManager em) {
        this.em = em;
    }

    /** Every open flag of every realm: the node's cache of what {@code nhi-anomaly-block} refuses. */
    public Map<String, Set<String>> openKindsByClient() {
        Map<String, Set<String>> open = new HashMap<>();
        em.createQuery("select a.clientId, a.kind from AnomalyEntity a where a.clearedAt is null", Object[].class).getResultList()
                .forEach(row -> open.computeIfAbsent((String) row[0], c -> new TreeSet<>()).add((String) row[1]));
        return open;
    }

    public Map<String, Set<String>> openKindsOfRealm(String realmId) {
        Map<String, Set<String>> open = new HashMap<>();
        em.createQuery("select a.clientId, a.kind from AnomalyEntity a where a.realmId = :realm and a.clearedAt is null", Object[].class)
                .setParameter("realm", realmId).getResultList()
                .forEach(row -> open.computeIfAbsent((String) row[0], c -> new TreeSet<>()).add((String) row[1]));
        return open;
    }

    public List<Flag> open(String clientId) {
        return em.createQuery("select a from AnomalyEntity a where a.clientId = :client and a.clearedAt is null order by a.raisedAt",
                        AnomalyEntity.class).setParameter("client", clientId).getResultList().stream()
                .map(a -> new Flag(a.getClientId(), a.getKind(), a.getDetail(), a.getRaisedAt())).toList();
    }

    /** Raises a flag unless one of the kind is open for the client; true when raised. */
    public boolean raise(String realmId, String clientId, String kind, String detail, long time) {
        Long open = em.createQuery("select count(a) from AnomalyEntity a where a.clientId = :client and a.kind = :kind and a.clearedAt is null",
                Long.class).setParameter("client", clientId).setParameter("kind", kind).getSingleResult();
        if (open > 0) {
            return false;
        }
        AnomalyEntity flag = new AnomalyEntity();
        flag.setId(UUID.randomUUID().toString());
        flag.setRealmId(realmId);
        flag.setClientId(clientId);
        flag.setKind(kind);
        flag.setDetail(detail == null || detail.length() <= 255 ? detail : detail.substring(0, 255));
        flag.setRaisedAt(time);
        em.persist(flag);
        return true;
    }

    /** Clears every open flag of the client; answers the kinds cleared. */
    public List<String> clear(String clientId, String by, long time) {
        List<String> kinds = new ArrayList<>();
        for (AnomalyEntity flag : em.createQuery("select a from AnomalyEntity a where a.clientId = :client and a.clearedAt is null",
                AnomalyEntity.class).setParameter("client", clientId).getResultList()) {
            flag.setClearedAt(time);
            flag.setClearedBy(by == null || by.length() <= 255 ? by : by.substring(0, 255));
            kinds.add(flag.getKind());
        }
        return kinds;
    }

    public List<BaselineValue> baseline(String clientId, long since) {
        return em.createQuery("select b.kind, b.value, min(b.firstSeen) from BaselineEntity b where b.clientId = :client "
                        + "and b.lastSeen >= :since group by b.kind, b.value", Object[].class)
                .setParameter("client", clientId).setParameter("since", since).getResultList().stream()
                .map(row -> new BaselineValue((String) row[0], (String) row[1], ((Number) row[2]).longValue())).toList();
    }

    public void seen(String realmId, String clientId, String node, String kind, String value, long firstSeen, long lastSeen) {
        String id = clientId + "|" + node + "|" + kind + "|" + digest(value);
        BaselineEntity row = em.find(BaselineEntity.class, id);
        if (row == null) {
            row = new BaselineEntity();
            row.setId(id);
            row.setRealmId(realmId);
            row.setClientId(clientId);
            row.setNode(node);
            row.setKind(kind);
            row.setValue(value.length() <= 255 ? value : value.substring(0, 255));
            row.setFirstSeen(firstSeen);
            em.persist(row);
        }
        row.setLastSeen(Math.max(row.getLastSeen(), lastSeen));
    }

    /** Requests per hour since {@code fromHour}, all nodes added up. */
    public Map<Integer, Long> hours(String clientId, int fromHour) {
        Map<Integer, Long> hours = new HashMap<>();
        em.createQuery("select r.epochHour, sum(r.requests) from RateHourEntity r where r.clientId = :client and r.epochHour >= :from "
                        + "group by r.epochHour", Object[].class)
                .setParameter("client", clientId).setParameter("from", fromHour).getResultList()
                .forEach(row -> hours.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue()));
        return hours;
    }

    public void addHour(String realmId, String clientId, String node, int epochHour, int requests) {
        String id = clientId + "|" + node + "|" + epochHour;
        RateHourEntity row = em.find(RateHourEntity.class, id);
        if (row == null) {
            row = new RateHourEntity();
            row.setId(id);
            row.setRealmId(realmId);
            row.setClientId(clientId);
            row.setNode(node);
            row.setEpochHour(epochHour);
            em.persist(row);
        }
        row.setRequests(row.getRequests() + requests);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
