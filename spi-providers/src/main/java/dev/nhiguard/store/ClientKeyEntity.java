package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What a machine client proves itself with, as last seen (a fingerprint over its authenticator, secret and key
 * material, never the secret itself), and whether it was enabled: an update that changes either is a signal.
 */
@Entity
@Table(name = "NHI_CLIENT_KEY")
public class ClientKeyEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "FINGERPRINT", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "SEEN_AT", nullable = false)
    private long seenAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public long getSeenAt() { return seenAt; }
    public void setSeenAt(long seenAt) { this.seenAt = seenAt; }
}
