package dev.nhiguard.shared;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Ends every token a machine identity holds, at Keycloak: what introspection and userinfo answer from then on. */
public final class IssuedTokens {

    private IssuedTokens() {
    }

    /** Tokens issued before now fail introspection and userinfo (the client's not-before), the service account's sessions end. */
    public static void revoke(KeycloakSession session, RealmModel realm, ClientModel client) {
        // Keycloak rejects tokens issued before the not-before second; +1 takes in those issued in this very second
        int notBefore = Time.currentTime() + 1;
        client.setNotBefore(notBefore);
        UserModel serviceAccount = session.users().getServiceAccount(client);
        if (serviceAccount != null) {
            session.users().setNotBeforeForUser(realm, serviceAccount, notBefore);
            session.sessions().removeUserSessions(realm, serviceAccount);
        }
    }
}
