package dev.nhiguard.keycloakdb;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every query the pack runs on Keycloak's own tables, through Keycloak's JPA entities: the one place that names
 * them, so a Keycloak upgrade that renames an entity or a field breaks here, and {@link KeycloakQueryCheck} says so
 * at start-up, not in the middle of a sweep. Queries on the pack's own tables live with their entities in
 * {@code store}.
 */
public enum KeycloakQuery {

    // ---- clients and their attributes ----
    SERVICE_ACCOUNT_CLIENTS("select c.id, c.clientId from ClientEntity c where c.realmId = :realm and c.serviceAccountsEnabled = true"),
    SERVICE_ACCOUNT_CLIENT_IDS("select c.id from ClientEntity c where c.realmId = :realm and c.serviceAccountsEnabled = true"),
    SERVICE_ACCOUNT_CLIENTS_CREATED_BEFORE("select c.id from ClientEntity c where c.realmId = :realm "
            + "and c.serviceAccountsEnabled = true and c.createdTimestamp < :before"),
    /** The inventory's catalogue: every service-account client with its owner and the user the owner is bound to. */
    CATALOGUE("select c.id, c.clientId, a.value, b.value from ClientEntity c left join c.attributes a on a.name = :owner "
            + "left join c.attributes b on b.name = :ownerId where c.realmId = :realm and c.serviceAccountsEnabled = true"),
    SWEEP_COLUMNS("select c.id, c.clientId, c.enabled, c.createdTimestamp from ClientEntity c where c.id in :ids"),
    NAMED_ATTRIBUTES_OF_CLIENTS("select a.client.id, a.name, a.value from ClientAttributeEntity a where a.client.id in :ids and a.name in :names"),
    NAMED_ATTRIBUTES_OF_REALM("select a.client.id, a.name, a.value from ClientAttributeEntity a where a.client.realmId = :realm "
            + "and a.client.serviceAccountsEnabled = true and a.name in :names"),
    NAMED_ATTRIBUTES_OF_ENABLED("select a.client.id, a.name, a.value from ClientAttributeEntity a where a.client.realmId = :realm "
            + "and a.client.serviceAccountsEnabled = true and a.client.enabled = true and a.name in :names"),
    NAMED_ATTRIBUTES_OF_CLIENT("select a.name, a.value from ClientAttributeEntity a where a.client.id = :id and a.name in :names"),
    CLIENTS_OWNED_BY("select a.client.id from ClientAttributeEntity a where a.client.realmId = :realm "
            + "and a.name = 'nhi.owner' and lower(a.value) = :owner and a.client.serviceAccountsEnabled = true"),

    /**
     * The secrets of the realm's machine clients that authenticate with one, with Keycloak's creation time where it
     * recorded one and the previous secret its rotation still accepts: the secrets are read only to be fingerprinted, never kept.
     */
    SECRET_CLIENTS("select c.id, c.clientId, c.secret, a.value, r.value, rc.value, re.value from ClientEntity c "
            + "left join c.attributes a on a.name = 'client.secret.creation.time' "
            + "left join c.attributes r on r.name = 'client.secret.rotated' "
            + "left join c.attributes rc on rc.name = 'client.secret.rotated.creation.time' "
            + "left join c.attributes re on re.name = 'client.secret.rotated.expiration.time' "
            + "where c.realmId = :realm and c.serviceAccountsEnabled = true and c.publicClient = false "
            + "and (c.clientAuthenticatorType is null or c.clientAuthenticatorType in " + dev.nhiguard.shared.SharedSecrets.jpqlList() + ")"),

    /** What a machine client authenticates with, to fingerprint its key material (the secret is digested, never kept). */
    MACHINE_CLIENT_KEYS("select c.id, c.clientAuthenticatorType, c.secret, c.enabled, u.enabled from ClientEntity c "
            + "left join UserEntity u on u.serviceAccountClientLink = c.id and u.realmId = c.realmId "
            + "where c.realmId = :realm and c.serviceAccountsEnabled = true"),

    // ---- Keycloak's outbox of Shared Signals pushes ----
    /** The delivery state of SETs by their jti. */
    OUTBOX_OF_SETS("select o.correlationId, o.ownerId, o.status, o.attempts, o.lastError, o.nextAttemptAt, o.deliveredAt "
            + "from OutboxEntryEntity o where o.entryKind = 'ssf-push' and o.correlationId in :ids"),
    /** Per receiver (its client id) and status: how many, and the latest delivery. */
    OUTBOX_PER_RECEIVER("select o.ownerId, o.status, count(o), max(o.deliveredAt) from OutboxEntryEntity o "
            + "where o.entryKind = 'ssf-push' and o.realmId = :realm group by o.ownerId, o.status"),
    /** The realm's pushes that failed at least once, newest first: each receiver's last error. */
    OUTBOX_ERRORS("select o.ownerId, o.lastError, o.createdAt from OutboxEntryEntity o "
            + "where o.entryKind = 'ssf-push' and o.realmId = :realm and o.lastError is not null order by o.createdAt desc"),

    // ---- the inventory's facts, for a selection of clients ----
    /** With the secret, read only to be fingerprinted (is it still the secret the pack recorded?), never kept. */
    FACT_CLIENTS("select c.id, c.clientId, c.enabled, c.createdTimestamp, c.clientAuthenticatorType, c.fullScopeAllowed, "
            + "c.publicClient, c.standardFlowEnabled, c.implicitFlowEnabled, c.directAccessGrantsEnabled, c.secret from ClientEntity c where %s",
            "c.id", "c"),
    /**
     * The pack's attributes and the Keycloak ones its rules judge, named as literals ({@link #create(EntityManager,
     * Class, ClientSelection, List)}): a database may match a list of literals by hash where it checks parameters one by one.
     */
    FACT_ATTRIBUTES("select a.client.id, a.name, a.value from ClientAttributeEntity a where %1$s "
            + "and (a.name like 'nhi.%%' or a.name in %2$s)", "a.client.id", "a.client"),
    FACT_SCOPES("select c.id, s.name, m.defaultScope from ClientEntity c, ClientScopeClientMappingEntity m, ClientScopeEntity s "
            + "where m.clientId = c.id and s.id = m.clientScopeId and %s", "c.id", "c"),
    FACT_MAPPERS("select p.client.id, p.name, p.protocolMapper from ProtocolMapperEntity p where %s", "p.client.id", "p.client"),
    /** Joined from the client, so the service accounts are found by Keycloak's (realm, client link) index. */
    FACT_SERVICE_ACCOUNTS("select c.id, u.id from ClientEntity c, UserEntity u where u.realmId = c.realmId "
            + "and u.serviceAccountClientLink = c.id and %s", "c.id", "c"),
    ROLES_OF_USERS("select m.user.id, r.id, r.name, r.clientRole, r.clientId from UserRoleMappingEntity m, RoleEntity r "
            + "where r.id = m.roleId and m.user.id in :users"),
    ROLES_OF_SERVICE_ACCOUNTS("select m.user.id, r.id, r.name, r.clientRole, r.clientId from UserRoleMappingEntity m, RoleEntity r "
            + "where r.id = m.roleId and m.user.realmId = :realm and m.user.serviceAccountClientLink is not null"),
    GROUPS_OF_USERS("select m.user.id, m.groupId from UserGroupMembershipEntity m where m.user.id in :users"),
    GROUPS_OF_SERVICE_ACCOUNTS("select m.user.id, m.groupId from UserGroupMembershipEntity m "
            + "where m.user.realmId = :realm and m.user.serviceAccountClientLink is not null"),
    GROUPS("select g.id, g.parentId, g.name from GroupEntity g where g.id in :ids"),
    ROLES_OF_GROUPS("select m.group.id, r.id, r.name, r.clientRole, r.clientId from GroupRoleMappingEntity m, RoleEntity r "
            + "where r.id = m.roleId and m.group.id in :groups"),
    COMPOSITE_CHILDREN("select cr.parentRole.id, ch.id, ch.name, ch.clientRole, ch.clientId "
            + "from CompositeRoleEntity cr join cr.childRole ch where cr.parentRole.id in :parents"),

    // ---- narrowing a finding to the clients that could have it ----
    SCOPE_HOLDERS("select m.clientId from ClientScopeClientMappingEntity m where m.clientScopeId in :scopes"),
    SCOPE_HOLDERS_AS("select m.clientId from ClientScopeClientMappingEntity m where m.clientScopeId in :scopes and m.defaultScope = :asDefault"),
    COMPOSITE_PARENTS("select cr.parentRole.id from CompositeRoleEntity cr where cr.childRole.id in :ids"),
    GROUPS_MAPPING("select m.group.id from GroupRoleMappingEntity m where m.roleId in :roles"),
    SUBGROUPS("select g.id from GroupEntity g where g.parentId in :ids"),
    SERVICE_ACCOUNTS_MAPPING("select m.user.serviceAccountClientLink from UserRoleMappingEntity m where m.roleId in :roles "
            + "and m.user.realmId = :realm and m.user.serviceAccountClientLink is not null"),
    SERVICE_ACCOUNTS_IN_GROUPS("select m.user.serviceAccountClientLink from UserGroupMembershipEntity m where m.groupId in :groups "
            + "and m.user.realmId = :realm and m.user.serviceAccountClientLink is not null"),

    // ---- owners ----
    /** Users kept in Keycloak's own table only: a federated user's row is a copy, its provider the truth. */
    LOCAL_USERS("select u.username, u.enabled, u.serviceAccountClientLink from UserEntity u "
            + "where u.realmId = :realm and u.username in :names and u.federationLink is null"),
    /** The same by the ids owners are bound to. */
    LOCAL_USERS_BY_ID("select u.id, u.enabled, u.serviceAccountClientLink from UserEntity u "
            + "where u.realmId = :realm and u.id in :ids and u.federationLink is null"),
    /** Clients that name an owner the pack has not bound yet (clients from before bindings, or written past Keycloak). */
    UNBOUND_OWNERS("select a.client.id from ClientAttributeEntity a where a.client.realmId = :realm and a.name = 'nhi.owner' "
            + "and not exists (select b.clientId from OwnerBindingEntity b where b.clientId = a.client.id)"),
    /**
     * Bound clients whose owner attributes no longer say what the binding says (nhi.owner names another user, or none;
     * nhi.owner-id is not the bound id): written while the pack was not there to see the save (its JAR out of
     * providers/, or the database). A renamed owner is followed before this is asked.
     */
    OWNERS_WRITTEN_PAST_THE_PACK("select b.clientId from OwnerBindingEntity b where b.realmId = :realm and ("
            + "not exists (select a.name from ClientAttributeEntity a where a.client.id = b.clientId and a.name = 'nhi.owner' "
            + "and lower(a.value) = b.ownerName) "
            + "or not exists (select i.name from ClientAttributeEntity i where i.client.id = b.clientId and i.name = 'nhi.owner-id' "
            + "and i.value = coalesce(b.ownerId, 'none')))"),
    /** Bound owners whose username is no longer the one they were bound by: renamed (Keycloak's own users). */
    RENAMED_OWNERS("select b.clientId, u.username from OwnerBindingEntity b, UserEntity u where b.realmId = :realm "
            + "and u.id = b.ownerId and u.realmId = b.realmId and u.username <> b.ownerName");

    private final String jpql;
    private final String idPath;
    private final String entityPath;

    KeycloakQuery(String jpql) {
        this(jpql, null, null);
    }

    KeycloakQuery(String jpql, String idPath, String entityPath) {
        this.jpql = jpql;
        this.idPath = idPath;
        this.entityPath = entityPath;
    }

    /** Whether the query reads a {@link ClientSelection} of clients. */
    public boolean selects() {
        return idPath != null;
    }

    public <T> TypedQuery<T> create(EntityManager em, Class<T> type) {
        if (selects()) {
            throw new IllegalStateException(name() + " reads a selection of clients: name it");
        }
        return em.createQuery(jpql, type);
    }

    /** With attribute names written into the query as literals: only plain names are taken, never input. */
    public <T> TypedQuery<T> create(EntityManager em, Class<T> type, ClientSelection selection, List<String> attributeNames) {
        if (!selects()) {
            throw new IllegalStateException(name() + " reads no selection of clients");
        }
        return em.createQuery(jpql(selection, attributeNames), type);
    }

    String jpql(ClientSelection selection, List<String> attributeNames) {
        return selection == null ? jpql : String.format(jpql, selection.condition(idPath, entityPath), literals(attributeNames));
    }

    private static String literals(List<String> names) {
        return names.stream()
                .peek(name -> {
                    if (!name.matches("[A-Za-z0-9._-]+")) {
                        throw new IllegalArgumentException("not a plain attribute name: " + name);
                    }
                })
                .map(name -> "'" + name + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
