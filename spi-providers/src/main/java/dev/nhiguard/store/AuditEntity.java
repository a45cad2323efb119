package dev.nhiguard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One governance action on a machine identity: who or which rule, when, and the client before and after. Kept
 * after the client is deleted, so the history of a retired identity stays answerable.
 */
@Entity
@Table(name = "NHI_AUDIT")
public class AuditEntity {

    /** Fits every supported database's VARCHAR, twice in one row. */
    public static final int STATE_LENGTH = 4000;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The client's id (UUID); it outlives the client. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    /** The client's clientId as it was, readable after the client is gone. */
    @Column(name = "CLIENT_NAME", length = 255, nullable = false)
    private String clientName;

    @Column(name = "ACTION", length = 32, nullable = false)
    private String action;

    @Column(name = "RULE", length = 32)
    private String rule;

    /** {@code username@realm} of the admin, or {@code nhi-guard:sweep} for the scheduled sweep. */
    @Column(name = "ACTOR", length = 255, nullable = false)
    private String actor;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    /** The client's governance-relevant settings as JSON, at most {@link #STATE_LENGTH} characters. */
    @Column(name = "BEFORE_STATE", length = STATE_LENGTH)
    private String before;

    @Column(name = "AFTER_STATE", length = STATE_LENGTH)
    private String after;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientName() { return clientName; }
    public void setClientName(String clientName) { this.clientName = clientName; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getBefore() { return before; }
    public void setBefore(String before) { this.before = before; }
    public String getAfter() { return after; }
    public void setAfter(String after) { this.after = after; }
}
