package dev.nhiguard.ownership;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Optional;

/** Answers owner questions from the realm's users and groups. */
public final class RealmOwnerDirectory implements OwnerDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmOwnerDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public OwnerState ownerState(Owner owner) {
        return OwnerLookup.stateOf(session, realm, owner);
    }

    @Override
    public Optional<String> groupPath(String groupPath) {
        return canonicalGroupPath(session, realm, groupPath);
    }

    /** Keycloak finds "/team/" and "/team" alike; the canonical form is the one policies compare with. */
    public static Optional<String> canonicalGroupPath(KeycloakSession session, RealmModel realm, String groupPath) {
        try {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, groupPath);
            return group == null ? Optional.empty() : Optional.of(KeycloakModelUtils.buildGroupPath(group));
        } catch (ModelException e) {
            return Optional.empty();
        }
    }
}
