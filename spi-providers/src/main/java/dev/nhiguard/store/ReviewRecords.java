package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The review history of machine identities, kept after they are gone. */
public final class ReviewRecords {

    /** One review as the API shows it. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "clientUuid", "clientId", "reviewer", "decision", "comment", "time",
            "reviewByBefore", "reviewByAfter", "ownerBefore", "ownerAfter"})
    public record Entry(String id, String clientUuid, String clientId, String reviewer, String decision, String comment, String time,
                        String reviewByBefore, String reviewByAfter, String ownerBefore, String ownerAfter) {
    }

    /** What a review changed. */
    public record Change(String reviewByBefore, String reviewByAfter, String ownerBefore, String ownerAfter) {
    }

    private final EntityManager em;

    public ReviewRecords(EntityManager em) {
        this.em = em;
    }

    public Entry write(String realmId, String clientUuid, String clientId, String reviewer, String decision, String comment, long time,
                       Change change) {
        ReviewEntity row = new ReviewEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realmId);
        row.setClientId(clientUuid);
        row.setClientName(clientId);
        row.setReviewer(reviewer);
        row.setDecision(decision);
        row.setComment(comment);
        row.setTime(time);
        row.setReviewByBefore(change.reviewByBefore());
        row.setReviewByAfter(change.reviewByAfter());
        row.setOwnerBefore(change.ownerBefore());
        row.setOwnerAfter(change.ownerAfter());
        em.persist(row);
        return entry(row);
    }

    /** The reviews of one client, newest first. */
    public List<Entry> forClient(String realmId, String clientUuid, int first, int max) {
        return em.createQuery("select r from ReviewEntity r where r.realmId = :realm and r.clientId = :client order by r.time desc, r.id",
                        ReviewEntity.class)
                .setParameter("realm", realmId).setParameter("client", clientUuid).setFirstResult(first).setMaxResults(max)
                .getResultList().stream().map(ReviewRecords::entry).toList();
    }

    private static Entry entry(ReviewEntity row) {
        return new Entry(row.getId(), row.getClientId(), row.getClientName(), row.getReviewer(), row.getDecision(), row.getComment(),
                Instant.ofEpochMilli(row.getTime()).toString(), row.getReviewByBefore(), row.getReviewByAfter(), row.getOwnerBefore(),
                row.getOwnerAfter());
    }
}
