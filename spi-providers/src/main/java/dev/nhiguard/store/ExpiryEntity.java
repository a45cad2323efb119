package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A client the expiry sweep disabled, and why: the clock of its deletion in disable-then-delete mode. Removed when
 * the client is enabled again, so a client an admin brought back is never deleted behind their back.
 */
@Entity
@Table(name = "NHI_EXPIRY")
public class ExpiryEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "RULE", length = 32, nullable = false)
    private String rule;

    @Column(name = "DISABLED_AT", nullable = false)
    private long disabledAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public long getDisabledAt() { return disabledAt; }
    public void setDisabledAt(long disabledAt) { this.disabledAt = disabledAt; }
}
