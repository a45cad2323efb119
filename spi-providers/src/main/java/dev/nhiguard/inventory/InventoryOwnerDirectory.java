package dev.nhiguard.inventory;

import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.OwnerLookup;
import dev.nhiguard.ownership.RealmOwnerDirectory;
import dev.nhiguard.ownership.OwnerState;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Owner questions answered from states read in bulk beforehand, and group paths looked up once per request. */
final class InventoryOwnerDirectory implements OwnerDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<Owner, OwnerState> states;
    private final Map<String, Optional<String>> groups = new HashMap<>();

    InventoryOwnerDirectory(KeycloakSession session, RealmModel realm, Map<Owner, OwnerState> states) {
        this.session = session;
        this.realm = realm;
        this.states = states;
    }

    /** Read beforehand for the clients judged; an owner not read then is looked up alone. */
    @Override
    public OwnerState ownerState(Owner owner) {
        OwnerState state = states.get(owner);
        return state != null ? state : OwnerLookup.stateOf(session, realm, owner);
    }

    @Override
    public Optional<String> groupPath(String groupPath) {
        return groups.computeIfAbsent(groupPath, path -> RealmOwnerDirectory.canonicalGroupPath(session, realm, path));
    }
}
