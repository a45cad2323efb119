package dev.nhiguard.inventory;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.scope.ScopeNames;
import dev.nhiguard.shared.Finding;
import jakarta.persistence.EntityManager;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * For the findings that hang on the largest facts (client scopes, roles through composites and groups, usage over
 * time), the clients that could have them, found by a few narrow queries: every client with the finding is among
 * them; whether it really has it is still decided by the rules on its full facts. Empty: no such narrowing.
 */
final class FindingCandidates {

    private static final int CHUNK = ServiceAccountCatalog.CHUNK;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final RealmPolicySettings policies;
    private final ExpirySettings expiry;
    private final LocalDate today;

    FindingCandidates(KeycloakSession session, RealmModel realm, EntityManager em, RealmPolicySettings policies, ExpirySettings expiry,
                      LocalDate today) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.policies = policies;
        this.expiry = expiry;
        this.today = today;
    }

    /** Whether {@link #of} narrows this finding. */
    boolean narrows(Finding finding) {
        return switch (finding) {
            case DEFAULT_SCOPES, BROAD_SCOPE, UNUSED_SCOPE, ADMIN_ROLES, STALE, NEVER_USED -> true;
            default -> false;
        };
    }

    Optional<Set<String>> of(Finding finding) {
        return switch (finding) {
            case DEFAULT_SCOPES -> Optional.of(holding(scopeIds(name -> !policies.scope().allowedDefaultScopes().contains(name)), true));
            case BROAD_SCOPE -> Optional.of(holding(broadScopeIds(), null));
            case UNUSED_SCOPE -> Optional.of(olderThanWindowHoldingOptionalScopes());
            case ADMIN_ROLES -> Optional.of(reachingAdminRoles());
            case STALE -> Optional.of(notUsedSince());
            case NEVER_USED -> Optional.of(neverUsed());
            default -> Optional.empty();
        };
    }

    /** The ids of the realm's client scopes whose name passes {@code test}. */
    private Set<String> scopeIds(java.util.function.Predicate<String> test) {
        return realm.getClientScopesStream().filter(s -> test.test(s.getName())).map(ClientScopeModel::getId).collect(Collectors.toSet());
    }

    private Set<String> allScopeIds() {
        return scopeIds(name -> true);
    }

    /** Scopes for which the realm has narrower ones: a client holding one holds a broad scope if it holds a narrower one too. */
    private Set<String> broadScopeIds() {
        Map<String, String> names = realm.getClientScopesStream().collect(Collectors.toMap(ClientScopeModel::getName, ClientScopeModel::getId,
                (a, b) -> a));
        return names.keySet().stream().filter(name -> !ScopeNames.narrowerThan(name, names.keySet(), policies.scope().separators()).isEmpty())
                .map(names::get).collect(Collectors.toSet());
    }

    /**
     * Clients holding one of the scopes, as default ({@code true}), optional ({@code false}) or either ({@code null}).
     * The scopes are the realm's, so their mappings are of the realm's clients; which are service-account clients the
     * caller's catalogue knows.
     */
    private Set<String> holding(Set<String> scopeIds, Boolean asDefault) {
        if (scopeIds.isEmpty()) {
            return Set.of();
        }
        return inChunks(scopeIds, chunk -> (asDefault == null ? KeycloakQuery.SCOPE_HOLDERS.create(em, String.class)
                : KeycloakQuery.SCOPE_HOLDERS_AS.create(em, String.class).setParameter("asDefault", asDefault))
                .setParameter("scopes", chunk).getResultList());
    }

    /** Only clients created before the usage window are judged for unused scopes: those first, usually few. */
    private Set<String> olderThanWindowHoldingOptionalScopes() {
        long windowStart = expiry.unusedWindow().start(today);
        Set<String> old = new HashSet<>(KeycloakQuery.SERVICE_ACCOUNT_CLIENTS_CREATED_BEFORE.create(em, String.class)
                .setParameter("realm", realm.getId()).setParameter("before", windowStart).getResultList());
        if (!old.isEmpty()) {
            old.retainAll(holding(allScopeIds(), false));
        }
        return old;
    }

    /** Without a success on record on any node. */
    private Set<String> neverUsed() {
        Set<String> all = new HashSet<>(KeycloakQuery.SERVICE_ACCOUNT_CLIENT_IDS.create(em, String.class)
                .setParameter("realm", realm.getId()).getResultList());
        all.removeAll(new dev.nhiguard.store.UsageRecords(em).everUsed(realm.getId()));
        return all;
    }

    /** Created before the unused limit and without a success since (the realm's usage rows, every node's). */
    private Set<String> notUsedSince() {
        long limit = expiry.unusedWindow().start(today);
        Set<String> old = new HashSet<>(KeycloakQuery.SERVICE_ACCOUNT_CLIENTS_CREATED_BEFORE.create(em, String.class)
                .setParameter("realm", realm.getId()).setParameter("before", limit).getResultList());
        if (!old.isEmpty()) {
            old.removeAll(new dev.nhiguard.store.UsageRecords(em).usedSince(realm.getId(), limit));
        }
        return old;
    }

    /**
     * Clients whose service account maps a role that is, or through composites contains, an admin role, or is a member
     * of a group (or of a subgroup of a group) that maps one.
     */
    private Set<String> reachingAdminRoles() {
        Set<String> reaching = new HashSet<>(AdminRoles.roleIds(session, realm));
        List<String> frontier = new ArrayList<>(reaching);
        while (!frontier.isEmpty()) {
            List<String> parents = new ArrayList<>(inChunks(frontier, chunk -> KeycloakQuery.COMPOSITE_PARENTS.create(em, String.class)
                    .setParameter("ids", chunk).getResultList()));
            frontier = parents.stream().filter(reaching::add).toList();
        }
        if (reaching.isEmpty()) {
            return Set.of();
        }
        Set<String> groups = new HashSet<>(inChunks(reaching, chunk -> KeycloakQuery.GROUPS_MAPPING.create(em, String.class)
                .setParameter("roles", chunk).getResultList()));
        List<String> level = new ArrayList<>(groups);
        while (!level.isEmpty()) {
            level = inChunks(level, chunk -> KeycloakQuery.SUBGROUPS.create(em, String.class)
                    .setParameter("ids", chunk).getResultList()).stream().filter(groups::add).toList();
        }
        Set<String> clients = new HashSet<>(inChunks(reaching, chunk -> KeycloakQuery.SERVICE_ACCOUNTS_MAPPING.create(em, String.class)
                .setParameter("roles", chunk).setParameter("realm", realm.getId()).getResultList()));
        if (!groups.isEmpty()) {
            clients.addAll(inChunks(groups, chunk -> KeycloakQuery.SERVICE_ACCOUNTS_IN_GROUPS.create(em, String.class)
                    .setParameter("groups", chunk).setParameter("realm", realm.getId()).getResultList()));
        }
        return clients;
    }

    private static <T> Set<T> inChunks(Collection<String> values, Function<List<String>, List<T>> query) {
        List<String> all = new ArrayList<>(values);
        Set<T> result = new HashSet<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            result.addAll(query.apply(all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
        return result;
    }
}
