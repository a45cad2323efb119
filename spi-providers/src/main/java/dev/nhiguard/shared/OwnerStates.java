package dev.nhiguard.shared;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The states of many owners at once, remembered for one request, as {@link OwnerLookup} (the one definition of an
 * owner's state) gives them. Users kept only in Keycloak's own table are read in one query per 500 names, since the
 * user API would read the same row. Every other name goes through the user API: a user imported from LDAP or Active
 * Directory has a local row too, but the directory is its truth (disabled or removed there, the row is stale until
 * the next sync), and a name with no row may live in a federation provider that imports nothing.
 */
public final class OwnerStates {

    private static final int CHUNK = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, OwnerState> known = new HashMap<>();

    public OwnerStates(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** By owner name in lower case. */
    public Map<String, OwnerState> of(Collection<String> owners) {
        List<String> names = owners.stream().filter(o -> o != null && !o.isBlank())
                .map(o -> o.toLowerCase(Locale.ROOT)).distinct().toList();
        List<String> unknown = names.stream().filter(name -> !known.containsKey(name)).toList();
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            for (Object[] r : KeycloakQuery.LOCAL_USERS.create(em, Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("names", chunk).getResultList()) {
                OwnerState state = r[2] != null ? OwnerState.MISSING
                        : Boolean.TRUE.equals(r[1]) ? OwnerState.ACTIVE : OwnerState.DISABLED;
                known.put((String) r[0], state);
            }
        }
        Map<String, OwnerState> states = new LinkedHashMap<>();
        for (String name : names) {
            states.put(name, known.computeIfAbsent(name, missing -> OwnerLookup.stateOf(session, realm, missing)));
        }
        return states;
    }
}
