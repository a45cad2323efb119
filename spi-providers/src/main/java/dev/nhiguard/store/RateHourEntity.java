package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many authenticated token requests one node saw from one client in one hour: the rate baseline. */
@Entity
@Table(name = "NHI_RATE_HOUR")
public class RateHourEntity {

    /** {@code clientUuid|node|epochHour}. */
    @Id
    @Column(name = "ID", length = 160)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "NODE", length = 80, nullable = false)
    private String node;

    @Column(name = "EPOCH_HOUR", nullable = false)
    private int epochHour;

    @Column(name = "REQUESTS", nullable = false)
    private int requests;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public int getEpochHour() { return epochHour; }
    public void setEpochHour(int epochHour) { this.epochHour = epochHour; }
    public int getRequests() { return requests; }
    public void setRequests(int requests) { this.requests = requests; }
}
