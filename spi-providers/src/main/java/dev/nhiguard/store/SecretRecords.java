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

    /** What is recorded of one secret: when it was issued and from which source, and from when the pack vouches for it. */
    public record Recorded(long issuedAt, String issuedFrom, long knownFrom) {
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
     * Records the secret and answers what stands: a secret met for the first time as given; one on record keeps the
     * moment the pack vouches for, and its issue time may only move back (an older date recorded by Keycloak).
     */
    public Recorded put(String realmId, Key key, Recorded secret, long seenAt) {
        String id = id(realmId, key);
        SecretEntity row = em.find(SecretEntity.class, id);
        if (row != null) {
            if (secret.issuedAt() < row.getIssuedAt()) {
                row.setIssuedAt(secret.issuedAt());
                row.setIssuedFrom(secret.issuedFrom());
            }
            return recorded(row);
        }
        row = new SecretEntity();
        row.setId(id);
        row.setRealmId(realmId);
        row.setClientName(key.clientName());
        row.setFingerprint(key.fingerprint());
        row.setIssuedAt(secret.issuedAt());
        row.setIssuedFrom(secret.issuedFrom());
        row.setKnownFrom(secret.knownFrom());
        row.setSeenAt(seenAt);
        em.persist(row);
        return secret;
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
                put(realmId, moved, recorded(row), row.getSeenAt());
            } else {
                // the client held it before it took the new name, which another client had held it under meanwhile
                there.setKnownFrom(Math.min(there.getKnownFrom(), row.getKnownFrom()));
                put(realmId, moved, recorded(row), row.getSeenAt());
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
        return new Recorded(row.getIssuedAt(), row.getIssuedFrom(), row.getKnownFrom());
    }
}
