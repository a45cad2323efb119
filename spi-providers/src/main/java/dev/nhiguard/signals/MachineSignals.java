package dev.nhiguard.signals;

import dev.nhiguard.store.SignalRecords;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.ssf.event.InitiatingEntity;
import org.keycloak.ssf.event.caep.CaepCredentialChange;

import java.util.List;

/**
 * What the pack's capabilities call when a machine identity loses its standing: each tells every receiver the realm's
 * Shared Signals transmitter has (see {@link SignalTransmitter}), in the caller's transaction, so a rolled-back
 * retirement tells nobody.
 */
public final class MachineSignals {

    private MachineSignals() {
    }

    /** The identity was disabled (the sweep, an owner's revoke, an admin): RISC account-disabled. */
    public static void disabled(KeycloakSession session, RealmModel realm, ClientModel client, String reason, InitiatingEntity initiator) {
        SignalTransmitter.send(session, realm, client, MachineSignal.ACCOUNT_DISABLED, MachineSignal.Details.of(reason, initiator, client.getClientId()));
        ClientKeys.remember(session, realm, client, ClientKeys.current(session, client));
    }

    /**
     * The identity was deleted (its client, or its service account): RISC account-purged, sent while the account still
     * stands, once per request (a client's removal removes its account too, in either order).
     */
    static void purged(KeycloakSession session, RealmModel realm, ClientModel client) {
        String sent = "nhi-signals.purged." + client.getId();
        if (session.getAttribute(sent) != null) {
            return;
        }
        session.setAttribute(sent, Boolean.TRUE);
        SignalTransmitter.send(session, realm, client, MachineSignal.ACCOUNT_PURGED, MachineSignal.Details.of("deleted", InitiatingEntity.ADMIN,
                client.getClientId()));
    }

    /** Every token it holds was revoked, the identity staying (an anomaly that blocks it): CAEP session-revoked. */
    public static void tokensRevoked(KeycloakSession session, RealmModel realm, ClientModel client, String reason, InitiatingEntity initiator) {
        SignalTransmitter.send(session, realm, client, MachineSignal.SESSION_REVOKED, MachineSignal.Details.of(reason, initiator, client.getClientId()));
    }

    /**
     * Signals a change of the client's credential or state since the pack last saw it, then remembers what it is now:
     * a new or revoked secret, certificate or key (CAEP credential-change), or an enabled client now disabled, or its
     * service account (RISC account-disabled). The first sight of a client only remembers it.
     */
    static void changedSinceLastSeen(KeycloakSession session, RealmModel realm, ClientModel client, CaepCredentialChange.ChangeType change,
                                     InitiatingEntity initiator) {
        SignalRecords.Key before = ClientKeys.records(session).key(client.getId());
        SignalRecords.Key now = ClientKeys.current(session, client);
        List<ClientKeys.Kind> changed = before == null ? List.of() : ClientKeys.changed(before.fingerprint(), now.fingerprint());
        for (ClientKeys.Kind kind : changed) {
            boolean revoked = change == CaepCredentialChange.ChangeType.REVOKE && kind == ClientKeys.Kind.SECRET;
            String reason = revoked ? "its previous client secret was revoked" : "its credential was replaced";
            SignalTransmitter.send(session, realm, client, MachineSignal.CREDENTIAL_CHANGE, new MachineSignal.Details(reason, initiator,
                    client.getClientId(), kind.caepType, revoked ? CaepCredentialChange.ChangeType.REVOKE : CaepCredentialChange.ChangeType.UPDATE));
        }
        if (before != null && before.enabled() && !now.enabled()) {
            SignalTransmitter.send(session, realm, client, MachineSignal.ACCOUNT_DISABLED, MachineSignal.Details.of(client.isEnabled()
                    ? "its service account was disabled by an administrator" : "disabled by an administrator", initiator, client.getClientId()));
        }
        ClientKeys.remember(session, realm, client, now);
    }
}
