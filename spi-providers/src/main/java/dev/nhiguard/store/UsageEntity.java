package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The latest facts one node saw of one client: last token issued, last refusal, from where, by which grant. Each
 * node writes only its own row, so nodes of a cluster never contend; readers take the latest across nodes.
 */
@Entity
@Table(name = "NHI_USAGE")
public class UsageEntity {

    /** {@code clientUuid|node}. */
    @Id
    @Column(name = "ID", length = 120)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "NODE", length = 80, nullable = false)
    private String node;

    @Column(name = "LAST_SUCCESS")
    private Long lastSuccess;

    @Column(name = "LAST_REFUSAL")
    private Long lastRefusal;

    /** A request that named the client but failed its authentication: no use of it. */
    @Column(name = "LAST_FAILED_AUTH")
    private Long lastFailedAuthentication;

    /** The address of the last successful request. */
    @Column(name = "LAST_ADDRESS", length = 64)
    private String lastAddress;

    @Column(name = "LAST_GRANT", length = 80)
    private String lastGrant;

    public static String id(String clientId, String node) {
        return clientId + "|" + node;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public Long getLastSuccess() { return lastSuccess; }
    public void setLastSuccess(Long lastSuccess) { this.lastSuccess = lastSuccess; }
    public Long getLastRefusal() { return lastRefusal; }
    public void setLastRefusal(Long lastRefusal) { this.lastRefusal = lastRefusal; }
    public Long getLastFailedAuthentication() { return lastFailedAuthentication; }
    public void setLastFailedAuthentication(Long lastFailedAuthentication) { this.lastFailedAuthentication = lastFailedAuthentication; }
    public String getLastAddress() { return lastAddress; }
    public void setLastAddress(String lastAddress) { this.lastAddress = lastAddress; }
    public String getLastGrant() { return lastGrant; }
    public void setLastGrant(String lastGrant) { this.lastGrant = lastGrant; }
}
