package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How many token requests of one client one rule refused, and would have refused in report-only, on one day, as one
 * node saw them: the readiness view's blast radius. Readers add the counts of all nodes up.
 */
@Entity
@Table(name = "NHI_DECISION_DAY")
public class DecisionDayEntity {

    /** {@code clientUuid|node|epochDay|rule}: one row per client, node, day and rule, found without a query. */
    @Id
    @Column(name = "ID", length = 200)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "NODE", length = 80, nullable = false)
    private String node;

    @Column(name = "EPOCH_DAY", nullable = false)
    private int epochDay;

    @Column(name = "RULE_ID", length = 60, nullable = false)
    private String rule;

    @Column(name = "REFUSED", nullable = false)
    private int refused;

    @Column(name = "WOULD_REFUSE", nullable = false)
    private int wouldRefuse;

    public static String id(String clientId, String node, int epochDay, String rule) {
        return clientId + "|" + node + "|" + epochDay + "|" + rule;
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
    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public int getRefused() { return refused; }
    public void setRefused(int refused) { this.refused = refused; }
    public int getWouldRefuse() { return wouldRefuse; }
    public void setWouldRefuse(int wouldRefuse) { this.wouldRefuse = wouldRefuse; }
}
