package dev.nhiguard.ownership;

import dev.nhiguard.shared.OwnerLookup;
import dev.nhiguard.shared.OwnerState;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Answers owner questions from the realm's users and groups. */
final class RealmOwnerDirectory implements OwnerDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;

    RealmOwnerDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public OwnerState ownerState(String username) {
        return OwnerLookup.stateOf(session, realm, username);
    }

    @Override
    public boolean groupExists(String groupPath) {
        try {
            return KeycloakModelUtils.findGroupByPath(session, realm, groupPath) != null;
        } catch (ModelException e) {
            return false;
        }
    }
}
