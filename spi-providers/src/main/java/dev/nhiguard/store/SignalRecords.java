package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Set;

/** The pack's record of the revocation signals it raised ({@link SignalEntity}) and of each machine client's key ({@link ClientKeyEntity}). */
public final class SignalRecords {

    /** One signal as raised; {@code id} is the SET's jti when it was handed to a receiver's stream. */
    public record Signal(String id, String clientId, String clientName, String event, String reason, String receiverId, String receiverName,
                         String outcome, long createdAt) {
    }

    /** A client's key as last seen. */
    public record Key(String fingerprint, boolean enabled) {
    }

    private final EntityManager em;

    public SignalRecords(EntityManager em) {
        this.em = em;
    }

    public void raised(String realmId, Signal signal) {
        SignalEntity row = new SignalEntity();
        row.setId(signal.id());
        row.setRealmId(realmId);
        row.setClientId(signal.clientId());
        row.setClientName(signal.clientName().length() <= 255 ? signal.clientName() : signal.clientName().substring(0, 255));
        row.setEvent(signal.event());
        row.setReason(signal.reason() == null || signal.reason().length() <= 255 ? signal.reason() : signal.reason().substring(0, 255));
        row.setReceiverId(signal.receiverId());
        row.setReceiverName(signal.receiverName());
        row.setOutcome(signal.outcome());
        row.setCreatedAt(signal.createdAt());
        em.persist(row);
    }

    /** The realm's signals, newest first; of one client when {@code clientName} is given. */
    public List<Signal> latest(String realmId, String clientName, int first, int max) {
        String where = clientName == null ? "" : " and s.clientName = :client";
        var query = em.createQuery("select s from SignalEntity s where s.realmId = :realm" + where + " order by s.createdAt desc, s.id",
                SignalEntity.class).setParameter("realm", realmId).setFirstResult(first).setMaxResults(max);
        if (clientName != null) {
            query.setParameter("client", clientName);
        }
        return query.getResultList().stream().map(r -> new Signal(r.getId(), r.getClientId(), r.getClientName(), r.getEvent(), r.getReason(),
                r.getReceiverId(), r.getReceiverName(), r.getOutcome(), r.getCreatedAt())).toList();
    }

    public Key key(String clientId) {
        ClientKeyEntity row = em.find(ClientKeyEntity.class, clientId);
        return row == null ? null : new Key(row.getFingerprint(), row.isEnabled());
    }

    /** The clients of the realm whose key is on record. */
    public Set<String> keyed(String realmId) {
        return Set.copyOf(em.createQuery("select k.clientId from ClientKeyEntity k where k.realmId = :realm", String.class)
                .setParameter("realm", realmId).getResultList());
    }

    public void key(String realmId, String clientId, Key key, long seenAt) {
        ClientKeyEntity row = em.find(ClientKeyEntity.class, clientId);
        boolean created = row == null;
        if (created) {
            row = new ClientKeyEntity();
            row.setClientId(clientId);
            row.setRealmId(realmId);
        }
        row.setFingerprint(key.fingerprint());
        row.setEnabled(key.enabled());
        row.setSeenAt(seenAt);
        if (created) {
            em.persist(row);
        }
    }
}
