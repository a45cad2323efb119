package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One anomaly flag raised on a machine identity: open until an owner or admin clears it in a review. Kept when cleared. */
@Entity
@Table(name = "NHI_ANOMALY")
public class AnomalyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "KIND", length = 20, nullable = false)
    private String kind;

    @Column(name = "DETAIL", length = 255)
    private String detail;

    @Column(name = "RAISED_AT", nullable = false)
    private long raisedAt;

    @Column(name = "CLEARED_AT")
    private Long clearedAt;

    @Column(name = "CLEARED_BY", length = 255)
    private String clearedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    public long getRaisedAt() { return raisedAt; }
    public void setRaisedAt(long raisedAt) { this.raisedAt = raisedAt; }
    public Long getClearedAt() { return clearedAt; }
    public void setClearedAt(Long clearedAt) { this.clearedAt = clearedAt; }
    public String getClearedBy() { return clearedBy; }
    public void setClearedBy(String clearedBy) { this.clearedBy = clearedBy; }
}
