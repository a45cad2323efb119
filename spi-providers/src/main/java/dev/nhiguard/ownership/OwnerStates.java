package dev.nhiguard.ownership;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The states of many owners at once, remembered for one request, as {@link OwnerLookup} (the one definition of an
 * owner's state) gives them. Users kept only in Keycloak's own table are read in one query per 500 ids or names, since
 * the user API would read the same row. Every other owner goes through the user API: a user imported from LDAP or
 * Active Directory has a local row too, but the directory is its truth (disabled or removed there, the row is stale
 * until the next sync), and a name with no row may live in a federation provider that imports nothing.
 */
public final class OwnerStates {

    private static final int CHUNK = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, OwnerState> byName = new HashMap<>();
    private final Map<String, OwnerState> byId = new HashMap<>();

    public OwnerStates(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The state of each named owner; owners without a name are left out. */
    public Map<Owner, OwnerState> of(Collection<Owner> owners) {
        List<Owner> named = owners.stream().filter(o -> o != null && o.name() != null && !o.name().isBlank()).distinct().toList();
        readLocalNames(named.stream().filter(o -> !o.isBound()).map(Owner::lookupName).distinct().filter(n -> !byName.containsKey(n)).toList());
        readLocalIds(named.stream().filter(o -> o.isBound() && !o.isBoundToNobody()).map(Owner::boundId).distinct()
                .filter(id -> !byId.containsKey(id)).toList());
        Map<Owner, OwnerState> states = new LinkedHashMap<>();
        for (Owner owner : named) {
            OwnerState state;
            if (!owner.isBound()) {
                state = byName.computeIfAbsent(owner.lookupName(), name -> OwnerLookup.lookUp(session, realm, name).state());
            } else if (owner.isBoundToNobody()) {
                state = OwnerState.MISSING;
            } else {
                state = byId.computeIfAbsent(owner.boundId(), id -> OwnerLookup.stateOf(session, realm, owner));
            }
            states.put(owner, state);
        }
        return states;
    }

    private void readLocalNames(List<String> names) {
        for (int from = 0; from < names.size(); from += CHUNK) {
            for (Object[] r : KeycloakQuery.LOCAL_USERS.create(em, Object[].class).setParameter("realm", realm.getId())
                    .setParameter("names", names.subList(from, Math.min(names.size(), from + CHUNK))).getResultList()) {
                byName.put((String) r[0], state(r));
            }
        }
    }

    private void readLocalIds(List<String> ids) {
        List<String> chunked = new ArrayList<>(ids);
        for (int from = 0; from < chunked.size(); from += CHUNK) {
            for (Object[] r : KeycloakQuery.LOCAL_USERS_BY_ID.create(em, Object[].class).setParameter("realm", realm.getId())
                    .setParameter("ids", chunked.subList(from, Math.min(chunked.size(), from + CHUNK))).getResultList()) {
                byId.put((String) r[0], state(r));
            }
        }
    }

    /** username or id, enabled, service-account link */
    private static OwnerState state(Object[] row) {
        return row[2] != null ? OwnerState.MISSING : Boolean.TRUE.equals(row[1]) ? OwnerState.ACTIVE : OwnerState.DISABLED;
    }
}
