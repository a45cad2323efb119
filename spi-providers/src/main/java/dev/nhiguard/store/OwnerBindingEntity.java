package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The user a client's owner was bound to, in this database: the pack's own record, so a user who later takes a
 * departed owner's username inherits nothing, a renamed owner keeps what they own, and an owner id brought in by an
 * import is known to be unverified here until an admin binds it. One row per client that names an owner.
 */
@Entity
@Table(name = "NHI_OWNER_BINDING")
public class OwnerBindingEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The owner's username when bound, in lower case, as Keycloak keeps usernames. */
    @Column(name = "OWNER_NAME", length = 255, nullable = false)
    private String ownerName;

    /** The user's id; null when no user had that name at binding time. */
    @Column(name = "OWNER_ID", length = 255)
    private String ownerId;

    /** The directory the user came from (its federation link), to tell an outage from a departure. */
    @Column(name = "FEDERATION_LINK", length = 36)
    private String federationLink;

    /** How it was bound: save, import, upgrade, rebind, review. */
    @Column(name = "BOUND_BY", length = 16, nullable = false)
    private String boundBy;

    @Column(name = "BOUND_AT", nullable = false)
    private long boundAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOwnerName() { return ownerName; }
    public void setOwnerName(String ownerName) { this.ownerName = ownerName; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getFederationLink() { return federationLink; }
    public void setFederationLink(String federationLink) { this.federationLink = federationLink; }
    public String getBoundBy() { return boundBy; }
    public void setBoundBy(String boundBy) { this.boundBy = boundBy; }
    public long getBoundAt() { return boundAt; }
    public void setBoundAt(long boundAt) { this.boundAt = boundAt; }
}
