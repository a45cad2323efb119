package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When the scheduled sweep last ran for a realm: how the nodes of a cluster agree that it is due. */
@Entity
@Table(name = "NHI_SWEEP_RUN")
public class SweepRunEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_RUN", nullable = false)
    private long lastRun;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getLastRun() { return lastRun; }
    public void setLastRun(long lastRun) { this.lastRun = lastRun; }
}
