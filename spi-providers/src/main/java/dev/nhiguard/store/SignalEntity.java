package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One revocation signal the pack raised about a machine identity, per receiver: the SET's {@code jti} (its delivery
 * state is Keycloak's outbox row of that id), or a row of its own when no receiver could be told and why. Kept when
 * the client goes, like the audit: it is the record of who was told what, and when.
 */
@Entity
@Table(name = "NHI_SIGNAL")
public class SignalEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "CLIENT_NAME", length = 255, nullable = false)
    private String clientName;

    @Column(name = "EVENT", length = 32, nullable = false)
    private String event;

    @Column(name = "REASON", length = 255)
    private String reason;

    @Column(name = "RECEIVER_ID", length = 36)
    private String receiverId;

    @Column(name = "RECEIVER_NAME", length = 255)
    private String receiverName;

    @Column(name = "OUTCOME", length = 32, nullable = false)
    private String outcome;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientName() { return clientName; }
    public void setClientName(String clientName) { this.clientName = clientName; }
    public String getEvent() { return event; }
    public void setEvent(String event) { this.event = event; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getReceiverId() { return receiverId; }
    public void setReceiverId(String receiverId) { this.receiverId = receiverId; }
    public String getReceiverName() { return receiverName; }
    public void setReceiverName(String receiverName) { this.receiverName = receiverName; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
