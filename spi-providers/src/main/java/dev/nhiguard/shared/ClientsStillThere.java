package dev.nhiguard.shared;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Whether a client a node saw is still stored, asked when the node writes what it saw: a client removed since (here
 * or on another node, whose removal deleted the pack's rows of it) gets no rows again from a buffer that outlived it.
 */
public final class ClientsStillThere {

    private ClientsStillThere() {
    }

    public static boolean exists(KeycloakSession session, String realmId, String clientUuid) {
        RealmModel realm = session.realms().getRealm(realmId);
        return realm != null && session.clients().getClientById(realm, clientUuid) != null;
    }
}
