package dev.nhiguard.inventory;

import dev.nhiguard.ownership.OwnerDirectory;
import dev.nhiguard.ownership.RealmOwnerDirectory;
import dev.nhiguard.shared.OwnerState;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Owner questions answered from states read in bulk beforehand, and group paths looked up once per request. */
final class InventoryOwnerDirectory implements OwnerDirectory {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, OwnerState> states;
    private final Map<String, Optional<String>> groups = new HashMap<>();

    InventoryOwnerDirectory(KeycloakSession session, RealmModel realm, Map<String, OwnerState> statesByLowerCaseName) {
        this.session = session;
        this.realm = realm;
        this.states = statesByLowerCaseName;
    }

    @Override
    public OwnerState ownerState(String username) {
        return states.getOrDefault(username.toLowerCase(Locale.ROOT), OwnerState.MISSING);
    }

    @Override
    public Optional<String> groupPath(String groupPath) {
        return groups.computeIfAbsent(groupPath, path -> RealmOwnerDirectory.canonicalGroupPath(session, realm, path));
    }
}
