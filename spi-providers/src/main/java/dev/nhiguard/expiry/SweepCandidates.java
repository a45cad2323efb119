package dev.nhiguard.expiry;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.ownership.OwnerStates;
import dev.nhiguard.store.OwnerGoneRecords;
import dev.nhiguard.store.UsageRecords;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the realm's service-account clients for the sweep, 500 at a time: the few columns and attributes the expiry
 * rules need, with their usage and owner state, in a handful of queries per page, so the heap holds one page.
 */
final class SweepCandidates {

    static final int PAGE = 500;
    private static final List<String> ATTRIBUTES = List.of(NhiAttributes.OWNER, NhiAttributes.OWNER_ID, NhiAttributes.REVIEW_BY,
            NhiAttributes.EXPIRY_EXEMPT_UNTIL, NhiAttributes.EXPIRY_EXEMPT_REASON);

    /** A client with what the sweep must remember about its owner. */
    record Loaded(Candidate candidate, String owner, OwnerGoneRecords.State ownerGone, boolean ownerGoneRecorded, boolean recordExists) {
    }

    private final EntityManager em;
    private final RealmModel realm;
    private final OwnerStates owners;
    private final Map<String, OwnerGoneRecords.Gone> gone;
    private final Map<String, Long> disabledAt;
    private final long now;

    SweepCandidates(KeycloakSession session, RealmModel realm, Map<String, OwnerGoneRecords.Gone> gone, Map<String, Long> disabledAt,
                    long now) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
        this.owners = new OwnerStates(session, realm);
        this.gone = gone;
        this.disabledAt = disabledAt;
        this.now = now;
    }

    /** The ids of every service-account client of the realm, in clientId order. */
    List<String> ids() {
        List<Object[]> rows = KeycloakQuery.SERVICE_ACCOUNT_CLIENTS.create(em, Object[].class)
                .setParameter("realm", realm.getId()).getResultList();
        rows.sort(Comparator.comparing(r -> (String) r[1]));
        return rows.stream().map(r -> (String) r[0]).toList();
    }

    List<Loaded> load(List<String> ids) {
        Map<String, Object[]> clients = new HashMap<>();
        for (Object[] r : KeycloakQuery.SWEEP_COLUMNS.create(em, Object[].class).setParameter("ids", ids).getResultList()) {
            clients.put((String) r[0], r);
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (Object[] r : KeycloakQuery.NAMED_ATTRIBUTES_OF_CLIENTS.create(em, Object[].class)
                .setParameter("ids", ids).setParameter("names", ATTRIBUTES).getResultList()) {
            attributes.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }
        Map<String, UsageRecords.Summary> usage = new UsageRecords(em).summaries(ids, Integer.MAX_VALUE);
        Map<Owner, OwnerState> states = owners.of(attributes.values().stream().map(Owner::of).toList());

        List<Loaded> loaded = new ArrayList<>(ids.size());
        for (String id : ids) {
            Object[] c = clients.get(id);
            if (c == null) {
                continue; // deleted meanwhile
            }
            Map<String, String> attrs = attributes.getOrDefault(id, Map.of());
            String owner = attrs.get(NhiAttributes.OWNER);
            OwnerGoneRecords.State goneState = goneState(Owner.of(attrs), states);
            OwnerGoneRecords.Gone recorded = gone.get(id);
            boolean sameOwnerRecorded = recorded != null && (recorded.owner() == null ? isBlank(owner) : dev.nhiguard.shared.OwnerNames.same(recorded.owner(), owner));
            Long goneSince = goneState == null ? null : sameOwnerRecorded ? Long.valueOf(recorded.since()) : Long.valueOf(now);
            UsageRecords.Summary summary = usage.get(id);
            Candidate candidate = new Candidate(id, (String) c[1], Boolean.TRUE.equals(c[2]), (Long) c[3],
                    summary == null ? null : summary.lastSuccess(), attrs.get(NhiAttributes.REVIEW_BY), goneSince,
                    attrs.get(NhiAttributes.EXPIRY_EXEMPT_UNTIL), attrs.get(NhiAttributes.EXPIRY_EXEMPT_REASON), disabledAt.get(id));
            loaded.add(new Loaded(candidate, owner, goneState, sameOwnerRecorded, recorded != null));
        }
        return loaded;
    }

    /** How the owner is gone, or null when the client has an active owner. */
    private static OwnerGoneRecords.State goneState(Owner owner, Map<Owner, OwnerState> states) {
        if (isBlank(owner.name())) {
            return OwnerGoneRecords.State.NONE;
        }
        return switch (states.getOrDefault(owner, OwnerState.MISSING)) {
            // an owner bound elsewhere (an import) is not gone: an admin binds it, the sweep does not retire for it
            case ACTIVE, UNVERIFIED -> null;
            case DISABLED -> OwnerGoneRecords.State.DISABLED;
            case MISSING -> OwnerGoneRecords.State.MISSING;
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
