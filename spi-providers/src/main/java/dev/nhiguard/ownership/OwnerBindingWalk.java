package dev.nhiguard.ownership;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmIds;
import dev.nhiguard.shared.RealmPolicies;
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
 * clients bound to them, and lets unjudged arrivals whose ownership is now in order become ordinary machine identities.
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
        List<String> unbound = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                KeycloakQuery.UNBOUND_OWNERS.create(em(session), String.class).setParameter("realm", realmId).getResultList());
        for (int from = 0; from < unbound.size(); from += CHUNK) {
            List<String> chunk = unbound.subList(from, Math.min(unbound.size(), from + CHUNK));
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                OwnerBinding binding = new OwnerBinding(session, realm);
                chunk.stream().map(realm::getClientById).filter(c -> c != null).forEach(binding::bindUnbound);
            });
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            followRenames(session, realm);
            admitArrivalsInOrder(session, realm);
        });
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
