package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How many tokens one node issued to, and refused, one client on one day. Kept for {@code usage-retention-days};
 * readers add the counts of all nodes up.
 */
@Entity
@Table(name = "NHI_USAGE_DAY")
public class UsageDayEntity {

    /** {@code clientUuid|node|epochDay}: one row per client, node and day, found without a query. */
    @Id
    @Column(name = "ID", length = 160)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "NODE", length = 80, nullable = false)
    private String node;

    @Column(name = "EPOCH_DAY", nullable = false)
    private int epochDay;

    @Column(name = "SUCCESSES", nullable = false)
    private int successes;

    @Column(name = "REFUSALS", nullable = false)
    private int refusals;

    public static String id(String clientId, String node, int epochDay) {
        return clientId + "|" + node + "|" + epochDay;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public int getEpochDay() { return epochDay; }
    public void setEpochDay(int epochDay) { this.epochDay = epochDay; }
    public int getSuccesses() { return successes; }
    public void setSuccesses(int successes) { this.successes = successes; }
    public int getRefusals() { return refusals; }
    public void setRefusals(int refusals) { this.refusals = refusals; }
}
