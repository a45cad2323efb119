package dev.nhiguard.inventory;

import dev.nhiguard.keycloakdb.ClientSelection;
import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerStates;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.credentials.CredentialPolicyExecutorFactory;
import dev.nhiguard.credentials.HeldSecret;
import dev.nhiguard.credentials.RotatedSecret;
import dev.nhiguard.credentials.SecretIssue;
import dev.nhiguard.credentials.SecretStanding;
import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.store.UsageRecords;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads service-account clients in bulk with a handful of scalar queries per chunk.
 * Walking the model API client by client costs several cache look-ups and queries per client and
 * does not stay fast at 10,000 clients; these queries do. Read-only: nothing here writes.
 */
final class ServiceAccountCatalog {

    /** Below every database's IN-list limit (Oracle: 1000). */
    static final int CHUNK = 500;


    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, RoleInfo> roles = new HashMap<>();
    private final Map<String, List<String>> compositeChildren = new HashMap<>();
    private final Map<String, String> clientIdsByUuid = new HashMap<>();
    private final Map<String, GroupInfo> groups = new HashMap<>();
    private final Map<String, List<String>> groupRoles = new HashMap<>();
    private final OwnerStates ownerStates;
    private final Set<String> adminRoleIds;
    /** The catalogue, read once per request, and each client's place in it. */
    private List<CatalogRow> rows;
    private Map<String, Integer> positions;

    /** Successes are counted in requests30d from this day (UTC epoch day) on. */
    private final int usageFromDay;

    ServiceAccountCatalog(KeycloakSession session, RealmModel realm, int usageFromDay) {
        this.usageFromDay = usageFromDay;
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.ownerStates = new OwnerStates(session, realm);
        this.adminRoleIds = AdminRoles.roleIds(session, realm);
    }

    /**
     * Every service-account client of the realm with its owner attribute, ordered by clientId as Java compares strings:
     * the same order on every database, whatever its collation.
     */
    List<CatalogRow> rows() {
        if (rows == null) {
            rows = List.copyOf(readRows());
            positions = new HashMap<>(rows.size() * 2);
            for (int i = 0; i < rows.size(); i++) {
                positions.put(rows.get(i).id(), i);
            }
        }
        return rows;
    }

    private Map<String, Integer> positions() {
        rows();
        return positions;
    }

    private List<CatalogRow> readRows() {
        List<Object[]> result = KeycloakQuery.CATALOGUE.create(em, Object[].class)
                .setParameter("owner", NhiAttributes.OWNER)
                .setParameter("ownerId", NhiAttributes.OWNER_ID)
                .setParameter("realm", realm.getId())
                .getResultList();
        List<CatalogRow> rows = new ArrayList<>(result.size());
        for (Object[] r : result) {
            rows.add(new CatalogRow((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        rows.sort(java.util.Comparator.comparing(CatalogRow::clientId));
        return rows;
    }

    /** What a bulk read loads besides the client's own columns, attributes and mappers (always loaded). */
    enum FactGroup {
        /** Default and optional client scopes: the largest read, ten or so rows per client. */
        SCOPES,
        /** Role mappings and group memberships of the service-account users, with composites. */
        ROLES,
        /** Usage, scope use and presented certificates from the pack's tables. */
        USAGE,
        /** When each shared secret was issued (Keycloak's creation time or the pack's first sight), from the pack's table. */
        SECRETS
    }

    /** Full facts for the given clients, in the given order. */
    List<ClientFacts> facts(List<CatalogRow> page) {
        return facts(page, EnumSet.allOf(FactGroup.class));
    }

    /**
     * Facts with the given groups for the given clients, in the given order, a chunk at a time: a run that is
     * contiguous in the catalogue's order is read as a span, scattered clients by id.
     */
    List<ClientFacts> facts(List<CatalogRow> clients, Set<FactGroup> groups) {
        List<ClientFacts> facts = new ArrayList<>(clients.size());
        for (int from = 0; from < clients.size(); from += CHUNK) {
            List<CatalogRow> chunk = clients.subList(from, Math.min(clients.size(), from + CHUNK));
            facts.addAll(contiguous(chunk) ? spanFacts(chunk, groups) : load(Selection.of(chunk.stream().map(CatalogRow::id).toList()), groups));
        }
        return facts;
    }

    private List<ClientFacts> spanFacts(List<CatalogRow> run, Set<FactGroup> groups) {
        List<ClientFacts> read = load(Selection.span(run), groups);
        if (read.size() == run.size()) {
            return read;
        }
        Map<String, ClientFacts> byId = new HashMap<>();
        read.forEach(f -> byId.put(f.id(), f));
        List<String> missed = run.stream().map(CatalogRow::id).filter(id -> !byId.containsKey(id)).toList();
        load(Selection.of(missed), groups).forEach(f -> byId.put(f.id(), f));
        return run.stream().map(r -> byId.get(r.id())).filter(java.util.Objects::nonNull).toList();
    }

    /** Whether the rows are a run of the realm's catalogue with nothing left out between them. */
    private boolean contiguous(List<CatalogRow> chunk) {
        Integer first = positions().get(chunk.get(0).id());
        Integer last = positions().get(chunk.get(chunk.size() - 1).id());
        return first != null && last != null && last - first == chunk.size() - 1;
    }

    /**
     * Facts for every service-account client of the realm in one query per kind of fact, with only the groups asked
     * for (the others left empty): enough to decide one finding for the whole realm at once.
     */
    Map<String, ClientFacts> factsOfRealm(Set<FactGroup> groups) {
        Map<String, ClientFacts> byId = new HashMap<>();
        for (ClientFacts f : load(Selection.realm(), groups)) {
            byId.put(f.id(), f);
        }
        return byId;
    }

    /**
     * Which clients a bulk read covers (see {@link ClientSelection}): a span is a run of the catalogue's order, from its
     * first clientId to its last. Where the database's collation orders clientIds differently from Java, a span may
     * hold other clients (left out when the facts are put together) or miss some (read again by id).
     */
    private record Selection(ClientSelection kind, List<String> ids, String from, String to) {

        static Selection of(List<String> ids) {
            return new Selection(ClientSelection.IDS, ids, null, null);
        }

        static Selection realm() {
            return new Selection(ClientSelection.REALM, null, null, null);
        }

        static Selection span(List<CatalogRow> run) {
            return new Selection(ClientSelection.SPAN, run.stream().map(CatalogRow::id).toList(), run.get(0).clientId(),
                    run.get(run.size() - 1).clientId());
        }

        <T> jakarta.persistence.TypedQuery<T> bind(jakarta.persistence.TypedQuery<T> query, String realmId) {
            return switch (kind) {
                case IDS -> query.setParameter("ids", ids);
                case REALM -> query.setParameter("realm", realmId);
                case SPAN -> query.setParameter("realm", realmId).setParameter("from", from).setParameter("to", to);
            };
        }
    }

    private <T> List<T> query(Selection selection, KeycloakQuery query, Class<T> type) {
        return selection.bind(query.create(em, type, selection.kind(), NhiAttributes.KC_JUDGED), realm.getId()).getResultList();
    }

    private List<ClientFacts> load(Selection selection, Set<FactGroup> groups) {
        List<String> order = new ArrayList<>();
        Map<String, Object[]> clients = new HashMap<>();
        for (Object[] r : query(selection, KeycloakQuery.FACT_CLIENTS, Object[].class)) {
            clients.put((String) r[0], r);
            order.add((String) r[0]);
        }
        List<String> ids = selection.ids() != null ? selection.ids() : order;

        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (Object[] r : query(selection, KeycloakQuery.FACT_ATTRIBUTES, Object[].class)) {
            attributes.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }

        Map<String, List<String>> defaultScopes = new HashMap<>();
        Map<String, List<String>> optionalScopes = new HashMap<>();
        if (groups.contains(FactGroup.SCOPES)) {
            for (Object[] r : query(selection, KeycloakQuery.FACT_SCOPES, Object[].class)) {
                Map<String, List<String>> target = Boolean.TRUE.equals(r[2]) ? defaultScopes : optionalScopes;
                target.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
            }
        }

        Map<String, List<String>> mappers = new HashMap<>();
        for (Object[] r : query(selection, KeycloakQuery.FACT_MAPPERS, Object[].class)) {
            mappers.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r[1] + " (" + r[2] + ")");
        }

        Map<String, String> serviceUserByClient = new HashMap<>();
        Map<String, List<String>> directRolesByUser = new HashMap<>();
        Map<String, List<String>> groupsByUser = new HashMap<>();
        if (groups.contains(FactGroup.ROLES)) {
            for (Object[] r : query(selection, KeycloakQuery.FACT_SERVICE_ACCOUNTS, Object[].class)) {
                serviceUserByClient.put((String) r[0], (String) r[1]);
            }
            directRolesByUser = directRoles(selection, serviceUserByClient.values());
            groupsByUser = memberships(selection, serviceUserByClient.values());
        }
        Map<String, UsageRecords.Summary> summaries = Map.of();
        Map<String, Map<String, UsageRecords.ScopeUse>> scopeUses = Map.of();
        Map<String, UsageRecords.SeenCertificate> certificates = Map.of();
        if (groups.contains(FactGroup.USAGE)) {
            UsageRecords usage = new UsageRecords(em);
            boolean realmWide = selection.ids() == null;
            summaries = realmWide ? usage.summariesOfRealm(realm.getId(), usageFromDay) : usage.summaries(ids, usageFromDay);
            scopeUses = realmWide ? usage.scopesOfRealm(realm.getId()) : usage.scopes(ids);
            certificates = realmWide ? usage.certificatesOfRealm(realm.getId()) : usage.certificates(ids);
        }

        Map<String, SecretStanding> secrets = Map.of();
        if (groups.contains(FactGroup.SECRETS)) {
            Map<String, HeldSecret> held = new HashMap<>();
            for (String id : ids) {
                Object[] c = clients.get(id);
                if (c != null && c[10] != null && SharedSecrets.held(Boolean.TRUE.equals(c[6]), (String) c[4])) {
                    Map<String, String> attrs = attributes.getOrDefault(id, Map.of());
                    held.put(id, new HeldSecret((String) c[1], (String) c[10], SecretIssue.keycloakCreated(attrs.get(NhiAttributes.KC_SECRET_CREATION_TIME)),
                            RotatedSecret.live(attrs::get).orElse(null)));
                }
            }
            secrets = CredentialPolicyExecutorFactory.ages(session).standingsOf(session, realm.getId(), held);
        }

        List<ClientFacts> facts = new ArrayList<>(ids.size());
        for (String id : ids) {
            Object[] c = clients.get(id);
            if (c == null) {
                continue; // deleted between the two reads
            }
            String serviceUser = serviceUserByClient.get(id);
            List<String> direct = directRolesByUser.getOrDefault(serviceUser, List.of());
            List<String> memberOf = groupsByUser.getOrDefault(serviceUser, List.of());
            List<String> inherited = new ArrayList<>(direct);
            for (String group : withAncestors(memberOf)) {
                inherited.addAll(groupRoles.getOrDefault(group, List.of()));
            }
            ClientSnapshot snapshot = new ClientSnapshot(
                    (String) c[1],
                    Boolean.TRUE.equals(c[6]),
                    true,
                    Boolean.TRUE.equals(c[7]),
                    Boolean.TRUE.equals(c[8]),
                    Boolean.TRUE.equals(c[9]),
                    Boolean.TRUE.equals(c[5]),
                    (String) c[4],
                    attributes.getOrDefault(id, Map.of()),
                    sorted(defaultScopes.get(id)),
                    sorted(optionalScopes.get(id)),
                    sorted(mappers.get(id)));
            facts.add(new ClientFacts(
                    id,
                    Boolean.TRUE.equals(c[2]),
                    (Long) c[3],
                    snapshot,
                    realmRoleNames(direct),
                    clientRoleNames(direct),
                    memberOf.stream().map(this::pathOf).sorted().toList(),
                    adminRoleNames(inherited),
                    summaries.get(id),
                    scopeUses.getOrDefault(id, Map.of()),
                    certificates.get(id),
                    secrets.get(id)));
        }
        return facts;
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().sorted().toList();
    }

    private Map<String, List<String>> directRoles(Selection selection, Collection<String> userIds) {
        Map<String, List<String>> byUser = new HashMap<>();
        if (userIds.isEmpty()) {
            return byUser;
        }
        for (Object[] r : users(selection, KeycloakQuery.ROLES_OF_USERS, KeycloakQuery.ROLES_OF_SERVICE_ACCOUNTS, userIds)) {
            byUser.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(rememberRole(r));
        }
        return byUser;
    }

    /** A query over the service-account users: those of the selected clients, or all of the realm's. */
    private List<Object[]> users(Selection selection, KeycloakQuery ofUsers, KeycloakQuery ofRealm, Collection<String> userIds) {
        if (selection.kind() != ClientSelection.REALM) {
            return ofUsers.create(em, Object[].class).setParameter("users", userIds).getResultList();
        }
        return ofRealm.create(em, Object[].class).setParameter("realm", realm.getId()).getResultList();
    }

    /**
     * Group memberships of the service-account users, with each group's ancestors and role mappings loaded:
     * a role mapped to a parent group is held by every member of its subgroups.
     */
    private Map<String, List<String>> memberships(Selection selection, Collection<String> userIds) {
        Map<String, List<String>> byUser = new HashMap<>();
        if (userIds.isEmpty()) {
            return byUser;
        }
        for (Object[] r : users(selection, KeycloakQuery.GROUPS_OF_USERS, KeycloakQuery.GROUPS_OF_SERVICE_ACCOUNTS, userIds)) {
            byUser.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        List<String> frontier = byUser.values().stream().flatMap(List::stream).distinct().toList();
        while (!frontier.isEmpty()) {
            frontier = loadGroups(frontier);
        }
        return byUser;
    }

    /** Loads the given groups and their role mappings; returns the parents not loaded yet. */
    private List<String> loadGroups(List<String> ids) {
        List<String> unknown = ids.stream().filter(id -> !groups.containsKey(id)).distinct().toList();
        Set<String> parents = new HashSet<>();
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            for (Object[] r : KeycloakQuery.GROUPS.create(em, Object[].class)
                    .setParameter("ids", chunk).getResultList()) {
                String parent = r[1] == null || ((String) r[1]).isBlank() ? null : (String) r[1];
                groups.put((String) r[0], new GroupInfo((String) r[2], parent));
                if (parent != null && !groups.containsKey(parent)) {
                    parents.add(parent);
                }
            }
            for (Object[] r : KeycloakQuery.ROLES_OF_GROUPS.create(em, Object[].class)
                    .setParameter("groups", chunk).getResultList()) {
                groupRoles.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(rememberRole(r));
            }
        }
        return new ArrayList<>(parents);
    }

    private Set<String> withAncestors(List<String> memberOf) {
        Set<String> all = new HashSet<>();
        for (String group : memberOf) {
            String current = group;
            while (current != null && all.add(current)) {
                GroupInfo info = groups.get(current);
                current = info == null ? null : info.parentId();
            }
        }
        return all;
    }

    private String pathOf(String groupId) {
        StringBuilder path = new StringBuilder();
        for (String g = groupId; g != null && groups.containsKey(g); g = groups.get(g).parentId()) {
            path.insert(0, "/" + groups.get(g).name());
        }
        return path.toString();
    }

    /** Every role query here selects (owner, role id, name, clientRole, container) in that order. */
    private String rememberRole(Object[] row) {
        String roleId = (String) row[1];
        roles.putIfAbsent(roleId, new RoleInfo(roleId, (String) row[2], Boolean.TRUE.equals(row[3]), (String) row[4]));
        return roleId;
    }

    private List<String> realmRoleNames(List<String> roleIds) {
        return roleIds.stream().map(roles::get).filter(r -> !r.clientRole()).map(RoleInfo::name).sorted().toList();
    }

    private Map<String, List<String>> clientRoleNames(List<String> roleIds) {
        Map<String, List<String>> byClient = new TreeMap<>();
        for (String roleId : roleIds) {
            RoleInfo role = roles.get(roleId);
            if (role.clientRole()) {
                byClient.computeIfAbsent(clientIdOf(role.container()), k -> new ArrayList<>()).add(role.name());
            }
        }
        byClient.values().forEach(names -> names.sort(null));
        return byClient;
    }

    /** Admin roles held directly or through composites: what an attacker with this token could administer. */
    private List<String> adminRoleNames(List<String> directRoleIds) {
        Set<String> effective = closure(directRoleIds);
        return effective.stream()
                .filter(adminRoleIds::contains)
                .map(roles::get)
                .map(r -> r.clientRole() ? clientIdOf(r.container()) + ":" + r.name() : r.name())
                .distinct()
                .sorted()
                .toList();
    }

    private Set<String> closure(List<String> start) {
        Set<String> seen = new HashSet<>(start);
        List<String> frontier = new ArrayList<>(start);
        while (!frontier.isEmpty()) {
            loadChildren(frontier);
            List<String> next = new ArrayList<>();
            for (String parent : frontier) {
                for (String child : compositeChildren.getOrDefault(parent, List.of())) {
                    if (seen.add(child)) {
                        next.add(child);
                    }
                }
            }
            frontier = next;
        }
        return seen;
    }

    private void loadChildren(List<String> parents) {
        List<String> unknown = parents.stream().filter(p -> !compositeChildren.containsKey(p)).distinct().toList();
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            chunk.forEach(p -> compositeChildren.put(p, new ArrayList<>()));
            for (Object[] r : KeycloakQuery.COMPOSITE_CHILDREN.create(em, Object[].class)
                    .setParameter("parents", chunk).getResultList()) {
                compositeChildren.get((String) r[0]).add(rememberRole(r));
            }
        }
    }

    private String clientIdOf(String clientUuid) {
        return clientIdsByUuid.computeIfAbsent(clientUuid, uuid -> {
            var client = realm.getClientById(uuid);
            return client == null ? uuid : client.getClientId();
        });
    }

    /** The states of the named owners, remembered for the request. */
    Map<Owner, OwnerState> ownerStates(Collection<Owner> owners) {
        return ownerStates.of(owners);
    }

    private record RoleInfo(String id, String name, boolean clientRole, String container) {
    }

    private record GroupInfo(String name, String parentId) {
    }
}
