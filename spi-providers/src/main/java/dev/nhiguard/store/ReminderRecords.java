package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

/** Which review reminders were sent: at most one per client, kind and review date, across a cluster. */
public final class ReminderRecords {

    private final EntityManager em;

    public ReminderRecords(EntityManager em) {
        this.em = em;
    }

    public static String key(String clientUuid, String kind, String reviewBy) {
        return clientUuid + "|" + kind + "|" + reviewBy;
    }

    public boolean sent(String key) {
        return em.find(ReminderEntity.class, key) != null;
    }

    /**
     * Claims a reminder: the insert is flushed at once, so a node that lost the race to another fails here (the
     * primary key), before it sends anything.
     */
    public void claim(String realmId, String clientUuid, String kind, String reviewBy, String recipient, long now) {
        ReminderEntity row = new ReminderEntity();
        row.setId(key(clientUuid, kind, reviewBy));
        row.setRealmId(realmId);
        row.setClientId(clientUuid);
        row.setKind(kind);
        row.setReviewBy(reviewBy);
        row.setRecipient(recipient);
        row.setSentAt(now);
        em.persist(row);
        em.flush();
    }
}
