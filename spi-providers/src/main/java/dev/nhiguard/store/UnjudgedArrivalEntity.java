package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A machine identity that arrived through a door no client policy sees (partial import, realm import) while an
 * ownership policy selected it: no save accepted it, so the token endpoint judges it in full, as a create is judged,
 * until its ownership has been found in order once. Removed then, and with the client.
 */
@Entity
@Table(name = "NHI_UNJUDGED_ARRIVAL")
public class UnjudgedArrivalEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ARRIVED_AT", nullable = false)
    private long arrivedAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getArrivedAt() { return arrivedAt; }
    public void setArrivedAt(long arrivedAt) { this.arrivedAt = arrivedAt; }
}
