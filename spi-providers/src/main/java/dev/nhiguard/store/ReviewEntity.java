package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One review of a machine identity by a person: the decision, why, and the review date and owner it left. */
@Entity
@Table(name = "NHI_REVIEW")
public class ReviewEntity {

    public static final int COMMENT_LENGTH = 2000;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The client's id (UUID); the review outlives the client. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "CLIENT_NAME", length = 255, nullable = false)
    private String clientName;

    /** {@code username@realm} of the person who reviewed. */
    @Column(name = "REVIEWER", length = 255, nullable = false)
    private String reviewer;

    @Column(name = "DECISION", length = 16, nullable = false)
    private String decision;

    @Column(name = "COMMENT_TEXT", length = COMMENT_LENGTH)
    private String comment;

    @Column(name = "REVIEW_TIME", nullable = false)
    private long time;

    @Column(name = "REVIEW_BY_BEFORE", length = 32)
    private String reviewByBefore;

    @Column(name = "REVIEW_BY_AFTER", length = 32)
    private String reviewByAfter;

    @Column(name = "OWNER_BEFORE", length = 255)
    private String ownerBefore;

    @Column(name = "OWNER_AFTER", length = 255)
    private String ownerAfter;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientName() { return clientName; }
    public void setClientName(String clientName) { this.clientName = clientName; }
    public String getReviewer() { return reviewer; }
    public void setReviewer(String reviewer) { this.reviewer = reviewer; }
    public String getDecision() { return decision; }
    public void setDecision(String decision) { this.decision = decision; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getReviewByBefore() { return reviewByBefore; }
    public void setReviewByBefore(String reviewByBefore) { this.reviewByBefore = reviewByBefore; }
    public String getReviewByAfter() { return reviewByAfter; }
    public void setReviewByAfter(String reviewByAfter) { this.reviewByAfter = reviewByAfter; }
    public String getOwnerBefore() { return ownerBefore; }
    public void setOwnerBefore(String ownerBefore) { this.ownerBefore = ownerBefore; }
    public String getOwnerAfter() { return ownerAfter; }
    public void setOwnerAfter(String ownerAfter) { this.ownerAfter = ownerAfter; }
}
