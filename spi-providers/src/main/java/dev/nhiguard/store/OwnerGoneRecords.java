package dev.nhiguard.store;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Since when each client's owner has been gone. */
public final class OwnerGoneRecords {

    /** How the owner went: disabled, deleted (a recorded deletion), missing (seen missing by a sweep), none (never named). */
    public enum State { DISABLED, DELETED, MISSING, NONE }

    public record Gone(State state, String owner, long since) {
    }

    private final EntityManager em;

    public OwnerGoneRecords(EntityManager em) {
        this.em = em;
    }

    public Map<String, Gone> forRealm(String realmId) {
        Map<String, Gone> byClient = new HashMap<>();
        for (OwnerGoneEntity row : em.createQuery("select o from OwnerGoneEntity o where o.realmId = :realm", OwnerGoneEntity.class)
                .setParameter("realm", realmId).getResultList()) {
            byClient.put(row.getClientId(), new Gone(State.valueOf(row.getState()), row.getOwner(), row.getSince()));
        }
        return byClient;
    }

    public Gone forClient(String clientId) {
        OwnerGoneEntity row = em.find(OwnerGoneEntity.class, clientId);
        return row == null ? null : new Gone(State.valueOf(row.getState()), row.getOwner(), row.getSince());
    }

    /** Starts the grace period now, unless it started already (the first sighting counts). */
    public void gone(String realmId, String clientId, String owner, State state, long now) {
        OwnerGoneEntity row = em.find(OwnerGoneEntity.class, clientId);
        if (row != null && sameOwner(row.getOwner(), owner)) {
            return;
        }
        boolean created = row == null;
        if (created) {
            row = new OwnerGoneEntity();
            row.setClientId(clientId);
            row.setRealmId(realmId);
        }
        row.setOwner(owner);
        row.setState(state.name());
        row.setSince(now);
        if (created) {
            em.persist(row);
        }
    }

    private static boolean sameOwner(String a, String b) {
        return dev.nhiguard.shared.OwnerNames.same(a, b);
    }

    /** The client has an active owner again. */
    public void back(String clientId) {
        OwnerGoneEntity row = em.find(OwnerGoneEntity.class, clientId);
        if (row != null) {
            em.remove(row);
        }
    }

    /** The client ids of the realm's service-account clients that name {@code username} as owner (any case). */
    public List<String> clientsOwnedBy(String realmId, String username) {
        return KeycloakQuery.CLIENTS_OWNED_BY.create(em, String.class)
                .setParameter("realm", realmId).setParameter("owner", dev.nhiguard.shared.OwnerNames.key(username)).getResultList();
    }
}
