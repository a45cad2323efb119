package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Since when a client's owner has been gone (disabled, deleted, or never named): the start of the owner grace
 * period. One row per client; removed when the client has an active owner again.
 */
@Entity
@Table(name = "NHI_OWNER_GONE")
public class OwnerGoneEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OWNER", length = 255)
    private String owner;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "SINCE", nullable = false)
    private long since;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public long getSince() { return since; }
    public void setSince(long since) { this.since = since; }
}
