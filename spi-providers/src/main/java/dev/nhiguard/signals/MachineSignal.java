package dev.nhiguard.signals;

import org.keycloak.ssf.event.InitiatingEntity;
import org.keycloak.ssf.event.SsfEvent;
import org.keycloak.ssf.event.caep.CaepCredentialChange;
import org.keycloak.ssf.event.caep.CaepSessionRevoked;

import java.util.Map;

/**
 * What the pack tells resource servers about a machine identity, as Security Event Tokens: it was disabled (RISC
 * {@code account-disabled}) or deleted ({@code account-purged}), the tokens it holds are revoked (CAEP {@code session-revoked}), or its credential changed
 * (CAEP {@code credential-change}). For each, a receiver should reject the identity's tokens issued before the event.
 */
public enum MachineSignal {
    ACCOUNT_DISABLED("account-disabled", RiscAccountDisabled.TYPE),
    ACCOUNT_PURGED("account-purged", RiscAccountPurged.TYPE),
    SESSION_REVOKED("session-revoked", CaepSessionRevoked.TYPE),
    CREDENTIAL_CHANGE("credential-change", CaepCredentialChange.TYPE);

    private final String label;
    private final String uri;

    MachineSignal(String label, String uri) {
        this.label = label;
        this.uri = uri;
    }

    public String label() {
        return label;
    }

    public String uri() {
        return uri;
    }

    /**
     * Why and how, for one event.
     *
     * @param initiator      who set it off: an admin, the owner (a user), or a policy (the sweep, anomaly detection)
     * @param credentialType for a credential change: {@code password} (a client secret), {@code x509} (a certificate), {@code app} (other key material)
     * @param changeType     for a credential change: update (a new one) or revoke (the old one ended)
     */
    public record Details(String reason, InitiatingEntity initiator, String clientId, String credentialType,
                          CaepCredentialChange.ChangeType changeType) {

        public static Details of(String reason, InitiatingEntity initiator, String clientId) {
            return new Details(reason, initiator, clientId, null, null);
        }
    }

    SsfEvent event(Details details, long epochSeconds) {
        SsfEvent event = switch (this) {
            case ACCOUNT_DISABLED -> new RiscAccountDisabled();
            case ACCOUNT_PURGED -> new RiscAccountPurged();
            case SESSION_REVOKED -> new CaepSessionRevoked();
            case CREDENTIAL_CHANGE -> {
                CaepCredentialChange change = new CaepCredentialChange();
                change.setCredentialType(details.credentialType());
                change.setChangeType(details.changeType());
                change.setFriendlyName(details.clientId());
                yield change;
            }
        };
        event.setEventTimestamp(epochSeconds);
        event.setInitiatingEntity(details.initiator());
        event.setReasonAdmin(Map.of("en", details.reason()));
        // which client the service account belongs to: a resource server reads client_id or azp, not the account's id
        event.setAttributeValue("client_id", details.clientId());
        return event;
    }
}
