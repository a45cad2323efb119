package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A review reminder sent: one row per client, kind and review date, its key the primary key, so that of several
 * nodes trying to send the same reminder only the one whose insert commits sends it.
 */
@Entity
@Table(name = "NHI_REMINDER")
public class ReminderEntity {

    /** {@code clientUuid|kind|reviewBy}. */
    @Id
    @Column(name = "ID", length = 120)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    /** {@code due} (before the review date) or {@code overdue}. */
    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "REVIEW_BY", length = 32, nullable = false)
    private String reviewBy;

    @Column(name = "RECIPIENT", length = 255)
    private String recipient;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getReviewBy() { return reviewBy; }
    public void setReviewBy(String reviewBy) { this.reviewBy = reviewBy; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String recipient) { this.recipient = recipient; }
    public long getSentAt() { return sentAt; }
    public void setSentAt(long sentAt) { this.sentAt = sentAt; }
}
