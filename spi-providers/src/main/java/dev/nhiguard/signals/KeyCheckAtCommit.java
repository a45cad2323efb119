package dev.nhiguard.signals;

import dev.nhiguard.shared.AfterCommit;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.ssf.event.InitiatingEntity;
import org.keycloak.ssf.event.caep.CaepCredentialChange;

/**
 * Compares a machine client's key and state with what the pack last saw once the request is done with it: in the
 * prepare phase of the request's transaction, before it commits, so the SET is queued in the same commit. Keycloak
 * announces some changes before it makes them (the admin event of revoking a rotated secret comes before the
 * secret goes), and its own secret rotation replaces a secret after the client's save: only the end of the request
 * has the last word. One check per client and request; a request that fails sends nothing.
 */
final class KeyCheckAtCommit {

    private static final Logger LOG = Logger.getLogger(KeyCheckAtCommit.class);

    private final KeycloakSession session;
    private final String realmId;
    private final String clientId;
    private boolean revoked;

    private KeyCheckAtCommit(KeycloakSession session, String realmId, String clientId) {
        this.session = session;
        this.realmId = realmId;
        this.clientId = clientId;
    }

    /** The request's check of this client, enlisted at the first call. */
    static KeyCheckAtCommit of(KeycloakSession session, RealmModel realm, ClientModel client) {
        String name = "nhi-signals.check." + client.getId();
        KeyCheckAtCommit check = session.getAttribute(name, KeyCheckAtCommit.class);
        if (check == null) {
            check = new KeyCheckAtCommit(session, realm.getId(), client.getId());
            session.setAttribute(name, check);
            AfterCommit.providersForCommit(session);
            session.getTransactionManager().enlistPrepare(AfterCommit.onCommit(check::compare));
        }
        return check;
    }

    /** The request revoked the client's previous secret (an admin ended its grace period). */
    void revoked(boolean revoked) {
        this.revoked |= revoked;
    }

    private void compare() {
        RealmModel realm = session.realms().getRealm(realmId);
        ClientModel client = realm == null ? null : realm.getClientById(clientId);
        if (client == null || !client.isServiceAccountsEnabled()) {
            return; // deleted in this request (signalled as such), or no machine identity any more
        }
        try {
            MachineSignals.changedSinceLastSeen(session, realm, client,
                    revoked ? CaepCredentialChange.ChangeType.REVOKE : CaepCredentialChange.ChangeType.UPDATE, InitiatingEntity.ADMIN);
        } catch (RuntimeException e) {
            LOG.warnf(e, "realm %s: the key of client %s could not be compared; it is compared again at its next change", realm.getName(),
                    client.getClientId());
        }
    }
}
