package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every shared secret each client of a realm has held, by fingerprint (see {@link SecretEntity}). */
public final class SecretRecords {

    /**
     * What is recorded of one secret: when it was issued and from which source, from when the pack vouches for it,
     * and when the pack saw another secret replace it as the client's current one (null while it is current).
     */
    public record Recorded(long issuedAt, String issuedFrom, long knownFrom, Long replacedAt) {

        public Recorded(long issuedAt, String issuedFrom, long knownFrom) {
            this(issuedAt, issuedFrom, knownFrom, null);
        }
    }

    /** A client's secret as the bulk reads find it: the client's name and the secret's fingerprint. */
    public record Key(String clientName, String fingerprint) {
    }

    private final EntityManager em;

    public SecretRecords(EntityManager em) {
        this.em = em;
    }

    public Recorded find(String realmId, Key key) {
        SecretEntity row = em.find(SecretEntity.class, id(realmId, key));
        return row == null ? null : recorded(row);
    }

    /** The records of these secrets of the realm, those never seen left out. */
    public Map<Key, Recorded> find(String realmId, Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<String> ids = keys.stream().map(key -> id(realmId, key)).distinct().toList();
        Map<Key, Recorded> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            for (SecretEntity row : em.createQuery("select s from SecretEntity s where s.id in :ids", SecretEntity.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500))).getResultList()) {
                found.put(new Key(row.getClientName(), row.getFingerprint()), recorded(row));
            }
        }
        return found;
    }

    /**
     * Records the secret and answers what stands: a secret met for the first time as given, but no younger than the
     * same secret anywhere in the realm (a value is as old as its first use, whichever client holds it); one on record
     * keeps the moment the pack vouches for, and its issue time may only move back (an older date recorded by
     * Keycloak). A {@code current} secret is the client's secret now: every other one of the client is replaced by it.
     */
    public Recorded put(String realmId, Key key, Recorded secret, long seenAt, boolean current) {
        String id = id(realmId, key);
        SecretEntity row = em.find(SecretEntity.class, id);
        if (row == null) {
            row = insert(realmId, key, oldestInRealm(realmId, key.fingerprint(), secret), seenAt);
        } else if (secret.issuedAt() < row.getIssuedAt()) {
            row.setIssuedAt(secret.issuedAt());
            row.setIssuedFrom(secret.issuedFrom());
        }
        if (current) {
            row.setReplacedAt(null);
            em.createQuery("update SecretEntity s set s.replacedAt = :now where s.realmId = :realm and s.clientName = :name "
                            + "and s.replacedAt is null and s.id <> :id")
                    .setParameter("now", seenAt).setParameter("realm", realmId).setParameter("name", key.clientName()).setParameter("id", id)
                    .executeUpdate();
        }
        return recorded(row);
    }

    private Recorded oldestInRealm(String realmId, String fingerprint, Recorded secret) {
        List<SecretEntity> same = em.createQuery("select s from SecretEntity s where s.realmId = :realm and s.fingerprint = :fingerprint "
                        + "order by s.issuedAt", SecretEntity.class)
                .setParameter("realm", realmId).setParameter("fingerprint", fingerprint).setMaxResults(1).getResultList();
        if (same.isEmpty() || same.get(0).getIssuedAt() >= secret.issuedAt()) {
            return secret;
        }
        return new Recorded(same.get(0).getIssuedAt(), same.get(0).getIssuedFrom(), secret.knownFrom());
    }

    private SecretEntity insert(String realmId, Key key, Recorded secret, long seenAt) {
        SecretEntity row = new SecretEntity();
        row.setId(id(realmId, key));
        row.setRealmId(realmId);
        row.setClientName(key.clientName());
        row.setFingerprint(key.fingerprint());
        row.setIssuedAt(secret.issuedAt());
        row.setIssuedFrom(secret.issuedFrom());
        row.setKnownFrom(secret.knownFrom());
        row.setSeenAt(seenAt);
        em.persist(row);
        return row;
    }

    /**
     * A client was renamed: its history follows it. Where the new name has a history of its own (a client of that name
     * held the same secret before) the two records become one, as old as the older.
     */
    public void rename(String realmId, String from, String to) {
        for (SecretEntity row : em.createQuery("select s from SecretEntity s where s.realmId = :realm and s.clientName = :name", SecretEntity.class)
                .setParameter("realm", realmId).setParameter("name", from).getResultList()) {
            Key moved = new Key(to, row.getFingerprint());
            SecretEntity there = em.find(SecretEntity.class, id(realmId, moved));
            if (there == null) {
                there = insert(realmId, moved, recorded(row), row.getSeenAt());
                there.setReplacedAt(row.getReplacedAt());
            } else {
                // the client held it before it took the new name, which another client had held it under meanwhile
                there.setKnownFrom(Math.min(there.getKnownFrom(), row.getKnownFrom()));
                there.setIssuedAt(Math.min(there.getIssuedAt(), row.getIssuedAt()));
            }
            em.remove(row);
        }
    }

    static String id(String realmId, Key key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{realmId, key.clientName(), key.fingerprint()}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Recorded recorded(SecretEntity row) {
        return new Recorded(row.getIssuedAt(), row.getIssuedFrom(), row.getKnownFrom(), row.getReplacedAt());
    }
}
