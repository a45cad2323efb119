package dev.nhiguard.ownership;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmIds;
import dev.nhiguard.policy.RealmPolicies;
import dev.nhiguard.shared.TimedTasks;
import dev.nhiguard.store.OwnerBindingRecords;
import dev.nhiguard.store.UnjudgedArrivals;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

import java.util.List;
import java.util.Optional;

/**
 * Keeps owner bindings whole, once at start-up (an upgrade binds every owner named before bindings existed, refusing
 * nothing that was accepted) and then every {@value #INTERVAL_SECONDS} s on one node of a cluster: binds what no save
 * bound (written past Keycloak, or a directory that did not answer), writes a renamed owner's new username into the
 * clients bound to them, catches up on owners written while the pack was away (its JAR removed and put back), and
 * lets unjudged arrivals whose ownership is now in order become ordinary machine identities.
 */
final class OwnerBindingWalk {

    static final int INTERVAL_SECONDS = 300;
    private static final int CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(OwnerBindingWalk.class);
    private static final String TASK = "nhi-owner-bindings";

    private OwnerBindingWalk() {
    }

    static void schedule(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                runOnce(factory);
            }
        });
        TimedTasks.everyAfterStart(factory, TASK, INTERVAL_SECONDS * 1000L, () -> runOnce(factory));
    }

    private static void runOnce(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(TASK, INTERVAL_SECONDS - 1, () -> {
                        walk(factory);
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s failed; it runs again in %d seconds", TASK, INTERVAL_SECONDS);
        }
    }

    static void walk(KeycloakSessionFactory factory) {
        for (String realmId : RealmIds.all(factory)) {
            try {
                walkRealm(factory, realmId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: realm %s is walked again at the next interval", TASK, realmId);
            }
        }
    }

    private static void walkRealm(KeycloakSessionFactory factory, String realmId) {
        // where the pack has bound owners before, an owner nobody bound was written while the pack did not see the save
        boolean seenBefore = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                new OwnerBindingRecords(em(session)).anyInRealm(realmId));
        List<String> unbound = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                KeycloakQuery.UNBOUND_OWNERS.create(em(session), String.class).setParameter("realm", realmId).getResultList());
        for (int from = 0; from < unbound.size(); from += CHUNK) {
            List<String> chunk = unbound.subList(from, Math.min(unbound.size(), from + CHUNK));
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                OwnerBinding binding = new OwnerBinding(session, realm);
                chunk.stream().map(realm::getClientById).filter(c -> c != null).forEach(client -> {
                    binding.bindUnbound(client);
                    if (seenBefore) {
                        unjudged(session, realm, client, "an owner nobody bound");
                    }
                });
            });
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            session.getContext().setRealm(realm); // Keycloak's user lookup asks the context which realm it serves
            followRenames(session, realm);
            catchUpOnOwnersWrittenPastThePack(session, realm);
            admitArrivalsInOrder(session, realm);
        });
    }

    /**
     * A client whose owner was changed while the pack could not see the save (the JAR out of providers/, the database):
     * bound as that save would have bound it, and judged in full from now on, as an arrival, until its ownership is
     * found in order; a bound id written by hand is put back.
     */
    private static void catchUpOnOwnersWrittenPastThePack(KeycloakSession session, RealmModel realm) {
        OwnerBindingRecords records = new OwnerBindingRecords(em(session));
        OwnerBinding binding = new OwnerBinding(session, realm);
        for (String clientId : KeycloakQuery.OWNERS_WRITTEN_PAST_THE_PACK.create(em(session), String.class)
                .setParameter("realm", realm.getId()).getResultList()) {
            ClientModel client = realm.getClientById(clientId);
            OwnerBindingRecords.Binding before = records.find(clientId);
            if (client == null) {
                records.forget(clientId); // deleted while the pack was away
                continue;
            }
            if (before == null) {
                continue;
            }
            binding.afterSave(client, false);
            String name = client.getAttribute(NhiAttributes.OWNER);
            if (name != null && !Owner.sameName(name, before.ownerName())) {
                unjudged(session, realm, client, "its owner changed from " + before.ownerName() + " to " + name);
            }
        }
    }

    private static void unjudged(KeycloakSession session, RealmModel realm, ClientModel client, String why) {
        if (client.isServiceAccountsEnabled()) {
            new UnjudgedArrivals(em(session)).arrived(realm.getId(), client.getId(), PackClock.millis());
            LOG.infof("realm %s: machine identity %s was written while NHI Guard did not see the save (%s): its token requests are "
                    + "judged in full until its ownership is in order", realm.getName(), client.getClientId(), why);
        }
    }

    /** A renamed owner keeps what they own; the clients' nhi.owner learns the new username, so filters by name find them. */
    private static void followRenames(KeycloakSession session, RealmModel realm) {
        OwnerBindingRecords records = new OwnerBindingRecords(em(session));
        for (Object[] r : KeycloakQuery.RENAMED_OWNERS.create(em(session), Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            String clientId = (String) r[0];
            String username = (String) r[1];
            ClientModel client = realm.getClientById(clientId);
            OwnerBindingRecords.Binding binding = records.find(clientId);
            if (client == null || binding == null) {
                continue;
            }
            if (Owner.sameName(client.getAttribute(NhiAttributes.OWNER), binding.ownerName())) {
                client.setAttribute(NhiAttributes.OWNER, username);
            }
            records.renamed(clientId, username);
            LOG.infof("realm %s: owner %s of client %s is now %s", realm.getName(), binding.ownerName(), client.getClientId(), username);
        }
    }

    private static void admitArrivalsInOrder(KeycloakSession session, RealmModel realm) {
        UnjudgedArrivals arrivals = new UnjudgedArrivals(em(session));
        List<String> unjudged = arrivals.ofRealm(realm.getId());
        if (unjudged.isEmpty()) {
            return;
        }
        Optional<OwnerRequiredConfig> config = RealmPolicies.read(session, realm).of(OwnerRequiredExecutorFactory.PROVIDER_ID).stream()
                .map(applied -> OwnerRequiredConfig.fromJson(applied.executor().getConfiguration())).reduce(OwnerRequiredConfig::strictest);
        StoredOwnership ownership = new StoredOwnership(session, realm, config.orElse(OwnerRequiredConfig.defaults()));
        for (String clientId : unjudged) {
            ClientModel client = realm.getClientById(clientId);
            if (client != null && ownership.inOrderAsCreated(client)) {
                arrivals.judged(clientId);
                LOG.infof("realm %s: client %s, which arrived by import, is in order and is judged as any machine identity from now on",
                        realm.getName(), client.getClientId());
            }
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
