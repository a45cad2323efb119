package dev.nhiguard.shared;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The one definition of an owner's state, through the user API so federated users count too. */
public final class OwnerLookup {

    private OwnerLookup() {
    }

    public static OwnerState stateOf(KeycloakSession session, RealmModel realm, String username) {
        // a directory's users are looked up through the realm's federation providers, which read the realm from the
        // session's context: the session of a sweep or another background job has none
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        return stateOf(session.users().getUserByUsername(realm, username));
    }

    /** The state of a user already looked up (null: no such user). */
    public static OwnerState stateOf(UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return OwnerState.MISSING;
        }
        return user.isEnabled() ? OwnerState.ACTIVE : OwnerState.DISABLED;
    }
}
