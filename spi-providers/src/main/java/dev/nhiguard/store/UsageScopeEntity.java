package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When one node last saw one client ask for, and be granted, one scope. */
@Entity
@Table(name = "NHI_USAGE_SCOPE")
public class UsageScopeEntity {

    /** SHA-256 of {@code clientUuid|node|scope}: scope names may be long. */
    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "NODE", length = 80, nullable = false)
    private String node;

    @Column(name = "SCOPE", length = 255, nullable = false)
    private String scope;

    @Column(name = "LAST_REQUESTED")
    private Long lastRequested;

    @Column(name = "LAST_GRANTED")
    private Long lastGranted;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public Long getLastRequested() { return lastRequested; }
    public void setLastRequested(Long lastRequested) { this.lastRequested = lastRequested; }
    public Long getLastGranted() { return lastGranted; }
    public void setLastGranted(Long lastGranted) { this.lastGranted = lastGranted; }
}
