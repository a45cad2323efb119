package dev.nhiguard.credentials;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.ClientsStillThere;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.store.SecretRecords;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's knowledge of when each client's current shared secret was issued, so that no secret's age is unknown:
 * Keycloak's creation time where it recorded one, else the moment the pack first saw the secret (realm JSON and
 * explicit secrets come without one). The token path asks memory first and the pack's table once per secret; what it
 * learns is written by the census, which also walks every realm's secret clients each interval, so a secret imported
 * at start-up is dated at start-up, not at its first use. One per node, held by the {@code nhi-credential-policy} factory.
 */
public final class SecretAges {

    private static final Logger LOG = Logger.getLogger(SecretAges.class);

    /** What this node knows of one client's secret; {@code secret} is the very string Keycloak's cache holds. */
    private record Known(String secret, String fingerprint, Long keycloakCreated, SecretIssue issue) {
    }

    private record Pending(String realmId, SecretRecords.Recorded secret, long seenAt) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** The issue of the client's current secret, as a request needs it: without hashing while the cached client is unchanged. */
    public SecretIssue issueOf(KeycloakSession session, ClientModel client) {
        String secret = client.getSecret();
        Known memo = known.get(client.getId());
        if (memo != null && memo.secret() == secret) {
            return memo.issue();
        }
        Long created = SecretIssue.keycloakCreated(client.getAttribute(NhiAttributes.KC_SECRET_CREATION_TIME));
        String fingerprint = SecretFingerprint.of(client.getId(), secret);
        if (memo != null && memo.fingerprint().equals(fingerprint) && java.util.Objects.equals(memo.keycloakCreated(), created)) {
            known.put(client.getId(), new Known(secret, fingerprint, created, memo.issue())); // the cache reloaded the same secret
            return memo.issue();
        }
        SecretIssue issue = decide(client.getRealm().getId(), client.getId(), recorded(em(session), client.getId()), fingerprint, created);
        known.put(client.getId(), new Known(secret, fingerprint, created, issue));
        return issue;
    }

    /** The issues of many clients' secrets at once (the inventory): {@code secrets} maps each client's id to its secret and creation time. */
    public Map<String, SecretIssue> issuesOf(KeycloakSession session, String realmId, Map<String, String[]> secrets, boolean realmWide) {
        EntityManager em = em(session);
        SecretRecords records = new SecretRecords(em);
        Map<String, SecretRecords.Recorded> rows = realmWide ? records.ofRealm(realmId) : records.of(secrets.keySet());
        Map<String, SecretIssue> issues = new HashMap<>();
        secrets.forEach((clientId, secret) -> {
            Pending waiting = pending.get(clientId);
            issues.put(clientId, decide(realmId, clientId, waiting != null ? waiting.secret() : rows.get(clientId),
                    SecretFingerprint.of(clientId, secret[0]), SecretIssue.keycloakCreated(secret[1])));
        });
        return issues;
    }

    private SecretIssue decide(String realmId, String clientId, SecretRecords.Recorded recorded, String fingerprint, Long created) {
        long now = System.currentTimeMillis();
        SecretIssue.Decision decision = SecretIssue.decide(recorded, fingerprint, created, now);
        if (decision.write() != null) {
            pending.put(clientId, new Pending(realmId, decision.write(), now));
        }
        return decision.issue();
    }

    private SecretRecords.Recorded recorded(EntityManager em, String clientId) {
        Pending waiting = pending.get(clientId);
        return waiting != null ? waiting.secret() : new SecretRecords(em).of(clientId);
    }

    /**
     * Writes what this node learnt, then dates every realm's secrets it has no record of (or whose secret changed),
     * each realm in a transaction of its own. Idempotent: a node that runs it after another writes nothing new.
     */
    public void census(KeycloakSessionFactory factory) {
        writePending(factory);
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> walk(session, realmId));
            } catch (RuntimeException e) {
                LOG.debugf("nhi-credential-policy: the secrets of realm %s are dated at the next census: %s", realmId, e.getMessage());
            }
        }
        writePending(factory);
    }

    private void walk(KeycloakSession session, String realmId) {
        Map<String, String[]> secrets = secretsOf(session, realmId);
        if (!secrets.isEmpty()) {
            issuesOf(session, realmId, secrets, true);
        }
    }

    /**
     * Dates every secret of the realm now, in the caller's transaction: a tier that becomes secret-free refuses only the
     * secrets issued after that moment, so every secret it is meant to spare must be on record before it.
     */
    public void dateRealmNow(KeycloakSession session, String realmId) {
        issuesOf(session, realmId, secretsOf(session, realmId), true);
        SecretRecords records = new SecretRecords(em(session));
        for (Map.Entry<String, Pending> entry : Map.copyOf(pending).entrySet()) {
            if (entry.getValue().realmId().equals(realmId)) {
                records.put(realmId, entry.getKey(), entry.getValue().secret(), entry.getValue().seenAt());
                pending.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    private static Map<String, String[]> secretsOf(KeycloakSession session, String realmId) {
        Map<String, String[]> secrets = new HashMap<>();
        for (Object[] row : KeycloakQuery.SECRET_CLIENTS.create(em(session), Object[].class).setParameter("realm", realmId).getResultList()) {
            secrets.put((String) row[0], new String[]{(String) row[1], (String) row[2]});
        }
        return secrets;
    }

    /** Each client's record in a transaction of its own: a row another node wrote first fails alone and is read next time. */
    private void writePending(KeycloakSessionFactory factory) {
        for (Map.Entry<String, Pending> entry : Map.copyOf(pending).entrySet()) {
            Pending write = entry.getValue();
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    if (ClientsStillThere.exists(session, write.realmId(), entry.getKey())) {
                        new SecretRecords(em(session)).put(write.realmId(), entry.getKey(), write.secret(), write.seenAt());
                    }
                });
                pending.remove(entry.getKey(), write);
            } catch (RuntimeException e) {
                pending.remove(entry.getKey(), write);
                known.remove(entry.getKey()); // read again from the table, where the other node's row now stands
                LOG.debugf("nhi-credential-policy: the secret of client %s was recorded elsewhere first: %s", entry.getKey(), e.getMessage());
            }
        }
    }

    /** Forgets a client whose secret this node dated (it was removed). */
    public void forget(String clientId) {
        known.remove(clientId);
        pending.remove(clientId);
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
