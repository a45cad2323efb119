package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When a client's current shared secret was issued, as far as anyone can tell: Keycloak's creation time where it
 * recorded one, else the moment the pack first saw that secret. The secret itself is never stored, only a keyed
 * fingerprint telling whether it is still the same one. One row per client.
 */
@Entity
@Table(name = "NHI_SECRET")
public class SecretEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "FINGERPRINT", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    /** Where the issue time comes from: {@code keycloak} (its creation time) or {@code first-seen}. */
    @Column(name = "ISSUED_FROM", length = 16, nullable = false)
    private String issuedFrom;

    /** Keycloak's creation time as it stood when this secret was recorded (epoch seconds), to tell a later edit of it. */
    @Column(name = "KC_CREATED")
    private Long keycloakCreated;

    @Column(name = "SEEN_AT", nullable = false)
    private long seenAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public long getIssuedAt() { return issuedAt; }
    public void setIssuedAt(long issuedAt) { this.issuedAt = issuedAt; }
    public String getIssuedFrom() { return issuedFrom; }
    public void setIssuedFrom(String issuedFrom) { this.issuedFrom = issuedFrom; }
    public Long getKeycloakCreated() { return keycloakCreated; }
    public void setKeycloakCreated(Long keycloakCreated) { this.keycloakCreated = keycloakCreated; }
    public long getSeenAt() { return seenAt; }
    public void setSeenAt(long seenAt) { this.seenAt = seenAt; }
}
