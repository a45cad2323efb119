package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One shared secret a client of a realm has held, as far as the pack has seen: when it was issued (Keycloak's creation
 * time where it recorded one, else the pack's first sight) and from when the pack can vouch for it. Rows outlive the
 * secret's replacement and the client's removal, so a secret that comes back (swapped back by hand, re-imported over
 * its client) keeps its first date; they go with the realm. The secret itself is never stored, only a fingerprint.
 */
@Entity
@Table(name = "NHI_SECRET")
public class SecretEntity {

    /** A digest of realm, client name and fingerprint: two nodes meeting the same secret write the same row. */
    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The client's {@code clientId} (its name), not its id: a client imported over its old self keeps its history. */
    @Column(name = "CLIENT_NAME", length = 255, nullable = false)
    private String clientName;

    @Column(name = "FINGERPRINT", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    /** Where the issue time comes from: {@code keycloak} (its creation time) or {@code first-seen}. */
    @Column(name = "ISSUED_FROM", length = 16, nullable = false)
    private String issuedFrom;

    /** The earliest moment the pack vouches the secret existed, which a secret-free tier's start is compared with. */
    @Column(name = "KNOWN_FROM", nullable = false)
    private long knownFrom;

    @Column(name = "SEEN_AT", nullable = false)
    private long seenAt;

    /** When the pack saw another secret become the client's current one; null while this one is current. */
    @Column(name = "REPLACED_AT")
    private Long replacedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientName() { return clientName; }
    public void setClientName(String clientName) { this.clientName = clientName; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public long getIssuedAt() { return issuedAt; }
    public void setIssuedAt(long issuedAt) { this.issuedAt = issuedAt; }
    public String getIssuedFrom() { return issuedFrom; }
    public void setIssuedFrom(String issuedFrom) { this.issuedFrom = issuedFrom; }
    public long getKnownFrom() { return knownFrom; }
    public void setKnownFrom(long knownFrom) { this.knownFrom = knownFrom; }
    public long getSeenAt() { return seenAt; }
    public void setSeenAt(long seenAt) { this.seenAt = seenAt; }
    public Long getReplacedAt() { return replacedAt; }
    public void setReplacedAt(Long replacedAt) { this.replacedAt = replacedAt; }
}
