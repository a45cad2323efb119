package dev.nhiguard.store;

import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whom each client's owner was bound to in this database. */
public final class OwnerBindingRecords {

    private static final int CHUNK = 500;

    /** One client's binding; {@code ownerId} null: no user had the name when it was bound. */
    public record Binding(String clientId, String realmId, String ownerName, String ownerId, String federationLink, String boundBy,
                          long boundAt) {
    }

    private final EntityManager em;

    public OwnerBindingRecords(EntityManager em) {
        this.em = em;
    }

    public Binding find(String clientId) {
        OwnerBindingEntity row = em.find(OwnerBindingEntity.class, clientId);
        return row == null ? null : binding(row);
    }

    public Map<String, Binding> forClients(Collection<String> clientIds) {
        List<String> ids = new ArrayList<>(clientIds);
        Map<String, Binding> byClient = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            for (OwnerBindingEntity row : em.createQuery("select b from OwnerBindingEntity b where b.clientId in :ids", OwnerBindingEntity.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))).getResultList()) {
                byClient.put(row.getClientId(), binding(row));
            }
        }
        return byClient;
    }

    /** Of these user ids, the ones some client of the realm was bound to here: a user the pack has seen as an owner. */
    public Set<String> seenOwners(String realmId, Collection<String> ownerIds) {
        List<String> ids = new ArrayList<>(new HashSet<>(ownerIds));
        Set<String> seen = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            seen.addAll(em.createQuery("select distinct b.ownerId from OwnerBindingEntity b where b.realmId = :realm and b.ownerId in :ids",
                            String.class)
                    .setParameter("realm", realmId).setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))).getResultList());
        }
        return seen;
    }

    /** Whether any client of the realm has a binding: the pack has seen its owners' saves. */
    public boolean anyInRealm(String realmId) {
        return !em.createQuery("select b.clientId from OwnerBindingEntity b where b.realmId = :realm", String.class)
                .setParameter("realm", realmId).setMaxResults(1).getResultList().isEmpty();
    }

    /** The clients of the realm bound to this user. */
    public List<String> clientsBoundTo(String realmId, String ownerId) {
        return em.createQuery("select b.clientId from OwnerBindingEntity b where b.realmId = :realm and b.ownerId = :owner", String.class)
                .setParameter("realm", realmId).setParameter("owner", ownerId).getResultList();
    }

    public void bind(String realmId, String clientId, String ownerName, String ownerId, String federationLink, String boundBy, long now) {
        OwnerBindingEntity row = em.find(OwnerBindingEntity.class, clientId);
        boolean created = row == null;
        if (created) {
            row = new OwnerBindingEntity();
            row.setClientId(clientId);
        }
        row.setRealmId(realmId);
        row.setOwnerName(ownerName);
        row.setOwnerId(ownerId);
        row.setFederationLink(federationLink);
        row.setBoundBy(boundBy);
        row.setBoundAt(now);
        if (created) {
            em.persist(row);
        }
    }

    /** The owner was renamed: the binding keeps its user and learns the new name. */
    public void renamed(String clientId, String ownerName) {
        OwnerBindingEntity row = em.find(OwnerBindingEntity.class, clientId);
        if (row != null) {
            row.setOwnerName(ownerName);
        }
    }

    public void forget(String clientId) {
        OwnerBindingEntity row = em.find(OwnerBindingEntity.class, clientId);
        if (row != null) {
            em.remove(row);
        }
    }

    private static Binding binding(OwnerBindingEntity row) {
        return new Binding(row.getClientId(), row.getRealmId(), row.getOwnerName(), row.getOwnerId(), row.getFederationLink(),
                row.getBoundBy(), row.getBoundAt());
    }
}
