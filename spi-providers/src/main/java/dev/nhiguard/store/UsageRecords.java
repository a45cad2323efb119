package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads usage back, merged across the nodes that wrote it: the latest timestamp wins, counts add up. One query per
 * kind of fact for a whole realm, so a realm of ten thousand clients costs the same few queries as one of ten.
 */
public final class UsageRecords {

    /** One client's usage: timestamps in epoch milliseconds, null when never seen. */
    public record Summary(String clientId, Long lastSuccess, Long lastRefusal, String lastAddress, long successesSince,
                          Long lastFailedAuthentication) {

        public Summary(String clientId, Long lastSuccess, Long lastRefusal, String lastAddress, long successesSince) {
            this(clientId, lastSuccess, lastRefusal, lastAddress, successesSince, null);
        }
    }

    /** When a client last asked for and was last granted a scope. */
    public record ScopeUse(String scope, Long lastRequested, Long lastGranted) {
    }

    /** The certificate a client last presented, on any node. */
    public record SeenCertificate(String thumbprint, long notAfter, long seenAt) {
    }

    private final EntityManager em;

    public UsageRecords(EntityManager em) {
        this.em = em;
    }

    /** The given clients' usage (those with any recorded), with the successes counted from {@code fromEpochDay} on. */
    /** The realm's clients a token was ever issued to (any node's rows). */
    public java.util.List<String> everUsed(String realmId) {
        return em.createQuery("select u.clientId from UsageEntity u where u.realmId = :realm and u.lastSuccess is not null", String.class)
                .setParameter("realm", realmId).getResultList();
    }

    /** The realm's clients a token was issued to at or after {@code since} (epoch milliseconds; any node's rows). */
    public java.util.List<String> usedSince(String realmId, long since) {
        return em.createQuery("select distinct u.clientId from UsageEntity u where u.realmId = :realm and u.lastSuccess >= :limit", String.class)
                .setParameter("realm", realmId).setParameter("limit", since).getResultList();
    }

    public Map<String, Summary> summaries(Collection<String> clientIds, int fromEpochDay) {
        return summaries("d.clientId in :ids", "u.clientId in :ids", "ids", clientIds, fromEpochDay);
    }

    /** The same for every client of the realm: a few queries whatever its size. */
    public Map<String, Summary> summariesOfRealm(String realmId, int fromEpochDay) {
        return summaries("d.realmId = :realm", "u.realmId = :realm", "realm", realmId, fromEpochDay);
    }

    private Map<String, Summary> summaries(String dayFilter, String usageFilter, String parameter, Object value, int fromEpochDay) {
        Map<String, Long> counted = new HashMap<>();
        for (Object[] r : em.createQuery(
                        "select d.clientId, sum(d.successes) from UsageDayEntity d where " + dayFilter + " and d.epochDay >= :from "
                                + "group by d.clientId", Object[].class)
                .setParameter(parameter, value).setParameter("from", fromEpochDay).getResultList()) {
            counted.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<String, Summary> byClient = new HashMap<>();
        for (Object[] r : em.createQuery(
                        "select u.clientId, u.lastSuccess, u.lastRefusal, u.lastAddress, u.lastFailedAuthentication from UsageEntity u where " + usageFilter,
                        Object[].class)
                .setParameter(parameter, value).getResultList()) {
            String clientId = (String) r[0];
            Summary row = new Summary(clientId, (Long) r[1], (Long) r[2], (String) r[3], counted.getOrDefault(clientId, 0L), (Long) r[4]);
            byClient.merge(clientId, row, UsageRecords::merge);
        }
        return byClient;
    }

    /** Removes daily counts older than {@code beforeEpochDay}; the latest facts stay. */
    public int pruneDays(String realmId, int beforeEpochDay) {
        return em.createQuery("delete from UsageDayEntity d where d.realmId = :realm and d.epochDay < :before")
                .setParameter("realm", realmId).setParameter("before", beforeEpochDay).executeUpdate();
    }

    private static Summary merge(Summary a, Summary b) {
        boolean bIsLater = b.lastSuccess() != null && (a.lastSuccess() == null || b.lastSuccess() > a.lastSuccess());
        return new Summary(a.clientId(), bIsLater ? b.lastSuccess() : a.lastSuccess(), latest(a.lastRefusal(), b.lastRefusal()),
                bIsLater ? b.lastAddress() : a.lastAddress(), a.successesSince(),
                latest(a.lastFailedAuthentication(), b.lastFailedAuthentication()));
    }

    /** Per client, per scope. */
    public Map<String, Map<String, ScopeUse>> scopes(Collection<String> clientIds) {
        return scopes("s.clientId in :ids", "ids", clientIds);
    }

    public Map<String, Map<String, ScopeUse>> scopesOfRealm(String realmId) {
        return scopes("s.realmId = :realm", "realm", realmId);
    }

    private Map<String, Map<String, ScopeUse>> scopes(String filter, String parameter, Object value) {
        Map<String, Map<String, ScopeUse>> byClient = new HashMap<>();
        for (Object[] r : em.createQuery(
                        "select s.clientId, s.scope, s.lastRequested, s.lastGranted from UsageScopeEntity s where " + filter,
                        Object[].class)
                .setParameter(parameter, value).getResultList()) {
            ScopeUse use = new ScopeUse((String) r[1], (Long) r[2], (Long) r[3]);
            byClient.computeIfAbsent((String) r[0], k -> new HashMap<>()).merge(use.scope(), use,
                    (x, y) -> new ScopeUse(x.scope(), latest(x.lastRequested(), y.lastRequested()), latest(x.lastGranted(), y.lastGranted())));
        }
        return byClient;
    }

    /** Per client, the certificate seen last across all nodes. */
    public Map<String, SeenCertificate> certificates(Collection<String> clientIds) {
        return certificates("c.clientId in :ids", "ids", clientIds);
    }

    public Map<String, SeenCertificate> certificatesOfRealm(String realmId) {
        return certificates("c.realmId = :realm", "realm", realmId);
    }

    private Map<String, SeenCertificate> certificates(String filter, String parameter, Object value) {
        Map<String, SeenCertificate> byClient = new HashMap<>();
        List<ClientCertificateEntity> rows = em.createQuery(
                        "select c from ClientCertificateEntity c where " + filter, ClientCertificateEntity.class)
                .setParameter(parameter, value).getResultList();
        for (ClientCertificateEntity row : rows) {
            SeenCertificate seen = new SeenCertificate(row.getThumbprint(), row.getNotAfter(), row.getSeenAt());
            byClient.merge(row.getClientId(), seen, (x, y) -> y.seenAt() > x.seenAt() ? y : x);
        }
        return byClient;
    }

    static Long latest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
