package dev.nhiguard.review;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.inventory.InventoryEntry;
import dev.nhiguard.inventory.InventoryRequest;
import dev.nhiguard.inventory.InventoryService;
import dev.nhiguard.inventory.InventorySettings;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machine identities a caller may review, overdue first, then those due within the reminder window, then the
 * rest; each group by review date, then clientId. Reads the few columns it sorts by for the whole realm, and full
 * facts for the page alone.
 */
final class ReviewQueue {

    /** One candidate row: what sorting and access need. */
    private record Row(String id, String clientId, Owner owner, String ownerGroup, String reviewBy, ReviewState state) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ReviewAccess access;
    private final InventorySettings settings;

    ReviewQueue(KeycloakSession session, RealmModel realm, ReviewAccess access, InventorySettings settings) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.settings = settings;
    }

    /** A page of the queue: {@code request} filters by owner and finding exactly as the inventory does. */
    List<ReviewItem> list(Optional<ReviewState> state, InventoryRequest request) {
        Optional<Finding> finding = request.finding();
        int first = request.first();
        int max = request.max();
        Instant now = PackClock.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ExpirySettings lifecycle = ExpirySettings.of(realm);
        int reminderDays = lifecycle.reminderDays();
        Integer deletesAfterDays = ReviewItem.revokeDeletesAfterDays(lifecycle);
        List<Row> rows = new ArrayList<>();
        for (Row row : rows(today, reminderDays)) {
            boolean visible = access.seesAll() || access.owns(row.owner(), row.ownerGroup());
            boolean wantedState = state.isEmpty() || state.get() == row.state();
            if (visible && wantedState && request.wantsOwner(row.owner().name())) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Row::state).thenComparing(r -> r.reviewBy() == null ? "" : r.reviewBy()).thenComparing(Row::clientId));
        InventoryService inventory = new InventoryService(session, realm, settings, now);
        List<ReviewItem> page = new ArrayList<>();
        int skipped = 0;
        // pages are built a slice at a time; a finding filter looks further until the page is full
        int slice = Math.max(max, 100);
        for (int from = 0; from < rows.size() && page.size() < max; from += slice) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + slice));
            Map<String, InventoryEntry> entries = new HashMap<>();
            inventory.entries(part.stream().map(Row::id).toList()).forEach(e -> entries.put(e.id(), e));
            for (Row row : part) {
                InventoryEntry entry = entries.get(row.id());
                if (entry == null || finding.isPresent() && !entry.findings().contains(finding.get().name())) {
                    continue;
                }
                if (skipped < first) {
                    skipped++;
                } else if (page.size() < max) {
                    boolean mayReview = access.reviewsAll() || access.owns(row.owner(), row.ownerGroup());
                    boolean mayReassign = access.reviewsAll() || access.isNamedOwner(row.owner());
                    page.add(ReviewItem.of(entry, row.state(), mayReview, mayReassign, deletesAfterDays));
                }
            }
        }
        return page;
    }

    private List<Row> rows(LocalDate today, int reminderDays) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, String[]> byId = new HashMap<>();
        for (Object[] r : KeycloakQuery.SERVICE_ACCOUNT_CLIENTS.create(em, Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            byId.put((String) r[0], new String[] {(String) r[1], null, null, null, null});
        }
        for (Object[] r : KeycloakQuery.NAMED_ATTRIBUTES_OF_REALM.create(em, Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("names", List.of(NhiAttributes.OWNER, NhiAttributes.OWNER_GROUP, NhiAttributes.REVIEW_BY, NhiAttributes.OWNER_ID))
                .getResultList()) {
            String[] values = byId.get((String) r[0]);
            if (values != null) {
                int slot = switch ((String) r[1]) {
                    case NhiAttributes.OWNER -> 1;
                    case NhiAttributes.OWNER_GROUP -> 2;
                    case NhiAttributes.REVIEW_BY -> 3;
                    default -> 4;
                };
                values[slot] = (String) r[2];
            }
        }
        List<Row> rows = new ArrayList<>(byId.size());
        byId.forEach((id, v) -> rows.add(new Row(id, v[0], new Owner(v[1], v[4] == null || v[4].isBlank() ? null : v[4]), v[2], v[3],
                ReviewState.of(v[3], today, reminderDays))));
        return rows;
    }

    static Optional<ReviewState> parseState(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("all")) {
            return Optional.empty();
        }
        for (ReviewState state : ReviewState.values()) {
            if (state != ReviewState.OK && state.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(state);
            }
        }
        throw new IllegalArgumentException(value);
    }
}
