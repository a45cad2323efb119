package dev.nhiguard.usage;

import dev.nhiguard.store.ClientCertificateEntity;
import dev.nhiguard.store.UsageDayEntity;
import dev.nhiguard.store.UsageEntity;
import dev.nhiguard.store.UsageScopeEntity;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Writes what this node saw into its own rows: read by primary key, added to, written back. */
final class UsageWriter {

    private final EntityManager em;
    private final String node;

    UsageWriter(EntityManager em, String node) {
        this.em = em;
        this.node = node;
    }

    void write(List<PendingUsage> pending) {
        for (PendingUsage usage : pending) {
            writeLatest(usage);
            usage.days().forEach((epochDay, day) -> writeDay(usage, epochDay, day));
            usage.scopes().forEach((scope, seen) -> writeScope(usage, scope, seen));
            if (usage.certificate() != null) {
                writeCertificate(usage, usage.certificate());
            }
        }
        em.flush();
    }

    private void writeLatest(PendingUsage usage) {
        String id = UsageEntity.id(usage.clientId(), node);
        UsageEntity row = em.find(UsageEntity.class, id);
        if (row == null) {
            row = new UsageEntity();
            row.setId(id);
            row.setRealmId(usage.realmId());
            row.setClientId(usage.clientId());
            row.setNode(node);
        }
        boolean created = !em.contains(row);
        if (usage.lastSuccess() != null && (row.getLastSuccess() == null || usage.lastSuccess() >= row.getLastSuccess())) {
            row.setLastSuccess(usage.lastSuccess());
            row.setLastAddress(usage.lastAddress() == null ? null : truncate(usage.lastAddress(), 64));
            row.setLastGrant(usage.lastGrant() == null ? null : truncate(usage.lastGrant(), 80));
        }
        row.setLastRefusal(PendingUsage.latest(row.getLastRefusal(), usage.lastRefusal()));
        row.setLastFailedAuthentication(PendingUsage.latest(row.getLastFailedAuthentication(), usage.lastFailedAuthentication()));
        if (created) {
            em.persist(row);
        }
    }

    private void writeDay(PendingUsage usage, int epochDay, PendingUsage.Day day) {
        String id = UsageDayEntity.id(usage.clientId(), node, epochDay);
        UsageDayEntity row = em.find(UsageDayEntity.class, id);
        if (row == null) {
            row = new UsageDayEntity();
            row.setId(id);
            row.setRealmId(usage.realmId());
            row.setClientId(usage.clientId());
            row.setNode(node);
            row.setEpochDay(epochDay);
            row.setSuccesses(day.successes());
            row.setRefusals(day.refusals());
            em.persist(row);
            return;
        }
        row.setSuccesses(row.getSuccesses() + day.successes());
        row.setRefusals(row.getRefusals() + day.refusals());
    }

    private void writeScope(PendingUsage usage, String scope, PendingUsage.Scope seen) {
        String id = sha256(usage.clientId() + "|" + node + "|" + scope);
        UsageScopeEntity row = em.find(UsageScopeEntity.class, id);
        if (row == null) {
            row = new UsageScopeEntity();
            row.setId(id);
            row.setRealmId(usage.realmId());
            row.setClientId(usage.clientId());
            row.setNode(node);
            row.setScope(truncate(scope, 255));
            row.setLastRequested(seen.lastRequested());
            row.setLastGranted(seen.lastGranted());
            em.persist(row);
            return;
        }
        row.setLastRequested(PendingUsage.latest(row.getLastRequested(), seen.lastRequested()));
        row.setLastGranted(PendingUsage.latest(row.getLastGranted(), seen.lastGranted()));
    }

    private void writeCertificate(PendingUsage usage, PendingUsage.Certificate seen) {
        String id = usage.clientId() + "|" + node;
        ClientCertificateEntity row = em.find(ClientCertificateEntity.class, id);
        if (row == null) {
            row = new ClientCertificateEntity();
            row.setId(id);
            row.setRealmId(usage.realmId());
            row.setClientId(usage.clientId());
            row.setNode(node);
            row.setThumbprint(seen.thumbprint());
            row.setNotAfter(seen.notAfter());
            row.setSeenAt(seen.seenAt());
            em.persist(row);
            return;
        }
        if (row.getSeenAt() <= seen.seenAt()) {
            row.setThumbprint(seen.thumbprint());
            row.setNotAfter(seen.notAfter());
            row.setSeenAt(seen.seenAt());
        }
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
