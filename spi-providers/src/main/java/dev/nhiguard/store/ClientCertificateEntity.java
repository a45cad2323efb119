package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The certificate one node last saw a client present over mutual TLS. Kept here, not in client attributes: the
 * token path writes no client, and no admin can edit what the pack observed.
 */
@Entity
@Table(name = "NHI_CLIENT_CERT")
public class ClientCertificateEntity {

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

    @Column(name = "THUMBPRINT", length = 64, nullable = false)
    private String thumbprint;

    @Column(name = "NOT_AFTER", nullable = false)
    private long notAfter;

    @Column(name = "SEEN_AT", nullable = false)
    private long seenAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getThumbprint() { return thumbprint; }
    public void setThumbprint(String thumbprint) { this.thumbprint = thumbprint; }
    public long getNotAfter() { return notAfter; }
    public void setNotAfter(long notAfter) { this.notAfter = notAfter; }
    public long getSeenAt() { return seenAt; }
    public void setSeenAt(long seenAt) { this.seenAt = seenAt; }
}
