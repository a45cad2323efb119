package dev.nhiguard.credentials;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmIds;
import dev.nhiguard.store.SecretRecords;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.nhiguard.shared.NodeCache;

/**
 * What the pack knows of every shared secret a client has held (see {@link SecretIssue}), kept in {@code NHI_SECRET}
 * by value, so that no secret's age is unknown and a secret that comes back keeps its first date. A secret is recorded
 * where the pack meets it: in the transaction that saves the client (a refused save leaves no record), by the node
 * that first authenticates it or lists it, by the census that walks every realm's secret clients at start-up and each
 * interval, and before a tier becomes secret-free. The token path asks this node's memory first and the table once per
 * secret. One per node, held by the {@code nhi-credential-policy} factory.
 */
public final class SecretAges {

    private static final Logger LOG = Logger.getLogger(SecretAges.class);

    /** What this node knows of one client's secret; {@code secret} is the very string Keycloak's cache holds. */
    private record Known(String secret, String clientName, Long keycloakCreated, SecretIssue issue) {
    }

    /**
     * What this node knows of each client's current and previous secret: checked against the very secret string at
     * every read, so never stale for a changed secret; a secret's first sight, once recorded, never changes.
     */
    private final NodeCache<String, Known> current = NodeCache.bounded(NodeCache.PER_CLIENT);
    private final NodeCache<String, Known> former = NodeCache.bounded(NodeCache.PER_CLIENT);
    private volatile boolean serving;

    /** The issue of the client's current secret, as a request needs it: without hashing while the cached client is unchanged. */
    public SecretIssue issueOf(KeycloakSession session, ClientModel client) {
        String secret = client.getSecret();
        Long created = SecretIssue.keycloakCreated(client.getAttribute(NhiAttributes.KC_SECRET_CREATION_TIME));
        Known memo = current.get(client.getId());
        if (memo != null && memo.secret() == secret && memo.clientName().equals(client.getClientId())
                && java.util.Objects.equals(memo.keycloakCreated(), created)) {
            return memo.issue();
        }
        String realmId = client.getRealm().getId();
        SecretRecords.Key key = key(realmId, client.getClientId(), secret);
        SecretRecords.Recorded recorded = new SecretRecords(em(session)).find(realmId, key);
        SecretIssue known = recorded == null ? null : SecretIssue.of(recorded);
        SecretIssue write = toWrite(known, created);
        SecretIssue issue = write == null ? known : recordMet(session.getKeycloakSessionFactory(), session, realmId, Map.of(key, write)).get(key);
        current.put(client.getId(), new Known(secret, client.getClientId(), created, issue));
        return issue;
    }

    /**
     * What is known of a secret the client held before (the previous secret Keycloak's rotation still accepts): empty
     * when the client was never seen to hold it as its secret. Never recorded here: only a current secret earns a record.
     */
    public Optional<SecretIssue> formerIssueOf(KeycloakSession session, ClientModel client, String secret) {
        Known memo = former.get(client.getId());
        if (memo != null && memo.secret() == secret && memo.clientName().equals(client.getClientId())) {
            return Optional.ofNullable(memo.issue());
        }
        String realmId = client.getRealm().getId();
        SecretRecords.Recorded recorded = new SecretRecords(em(session)).find(realmId, key(realmId, client.getClientId(), secret));
        SecretIssue issue = recorded == null ? null : SecretIssue.of(recorded);
        former.put(client.getId(), new Known(secret, client.getClientId(), null, issue));
        return Optional.ofNullable(issue);
    }

    /** The client's current secret as a rule judges it. */
    public SecretInUse currentSecret(KeycloakSession session, ClientModel client) {
        return SecretInUse.current(client.getSecret(), issueOf(session, client),
                SecretIssue.keycloakCreated(client.getAttribute(NhiAttributes.KC_SECRET_EXPIRATION_TIME)));
    }

    /**
     * A previous secret of the client (its rotation's) as a rule judges it: trusted for the realm's rotation grace from
     * when the pack saw it replaced; Keycloak's own expiry of it is Keycloak's to enforce.
     */
    public SecretInUse formerSecret(KeycloakSession session, ClientModel client, String secret) {
        return SecretInUse.previous(secret, formerIssueOf(session, client, secret).orElse(null), RotationGrace.of(session, client.getRealm()));
    }

    /** How the secrets of many clients stand at once (the inventory, the reminders), by client id; current secrets met for the first time are recorded. */
    public Map<String, SecretStanding> standingsOf(KeycloakSession session, String realmId, Map<String, HeldSecret> held) {
        Map<SecretRecords.Key, SecretIssue> known = known(session, realmId, held);
        Map<SecretRecords.Key, SecretIssue> met = new HashMap<>();
        held.values().forEach(secret -> {
            SecretRecords.Key key = key(realmId, secret.clientName(), secret.secret());
            SecretIssue write = toWrite(known.get(key), secret.keycloakCreated());
            if (write != null) {
                met.put(key, write);
            }
        });
        if (!met.isEmpty()) {
            known.putAll(recordMet(session.getKeycloakSessionFactory(), session, realmId, met));
        }
        Map<String, SecretStanding> standings = new HashMap<>();
        java.time.Instant now = PackClock.now();
        java.time.Duration grace = held.values().stream().anyMatch(secret -> secret.liveRotated() != null)
                ? RotationGrace.of(session, session.realms().getRealm(realmId)) : java.time.Duration.ZERO;
        held.forEach((clientId, secret) -> {
            SecretIssue issue = known.get(key(realmId, secret.clientName(), secret.secret()));
            boolean untrusted = SecretInUse.current(secret.secret(), issue, null).untrusted(now) || secret.liveRotated() != null
                    && SecretInUse.previous(secret.liveRotated(), known.get(key(realmId, secret.clientName(), secret.liveRotated())), grace).untrusted(now);
            standings.put(clientId, new SecretStanding(issue, untrusted));
        });
        return standings;
    }

    /**
     * What to record of a client's current secret seen now, null when its record says it all already: a secret met for
     * the first time, one Keycloak's creation time makes older, or one on record as replaced that is current again.
     */
    private SecretIssue toWrite(SecretIssue known, Long keycloakCreated) {
        if (known == null) {
            return SecretIssue.firstSight(keycloakCreated, PackClock.millis(), serving);
        }
        SecretIssue older = known.olderBy(keycloakCreated);
        return older.equals(known) && known.replacedAt() == null ? null : older;
    }

    /** The records of the current and previous secrets the clients hold, those never recorded left out. */
    private static Map<SecretRecords.Key, SecretIssue> known(KeycloakSession session, String realmId, Map<String, HeldSecret> held) {
        List<SecretRecords.Key> keys = new java.util.ArrayList<>();
        held.values().forEach(secret -> {
            keys.add(key(realmId, secret.clientName(), secret.secret()));
            if (secret.liveRotated() != null) {
                keys.add(key(realmId, secret.clientName(), secret.liveRotated()));
            }
        });
        Map<SecretRecords.Key, SecretIssue> known = new HashMap<>();
        new SecretRecords(em(session)).find(realmId, keys).forEach((key, recorded) -> known.put(key, SecretIssue.of(recorded)));
        return known;
    }

    /**
     * Records the client's current secret in the caller's transaction, when the client is saved: a save that is refused
     * and rolled back leaves no record behind, so a refused request cannot date a secret it never set.
     */
    public void recordSaved(KeycloakSession session, ClientModel client) {
        recordHeld(session, client, client.getSecret(), SecretIssue.keycloakCreated(client.getAttribute(NhiAttributes.KC_SECRET_CREATION_TIME)), true);
    }

    /** Records the secret a client held until a regeneration replaced it, and its new one, in the caller's transaction. */
    public void recordRegenerated(KeycloakSession session, ClientModel client, String previous) {
        if (previous != null) {
            recordHeld(session, client, previous, null, false); // the creation time now is the new secret's
        }
        recordSaved(session, client);
    }

    private void recordHeld(KeycloakSession session, ClientModel client, String secret, Long keycloakCreated, boolean current) {
        if (secret == null) {
            return;
        }
        String realmId = client.getRealm().getId();
        long now = PackClock.millis();
        new SecretRecords(em(session)).put(realmId, key(realmId, client.getClientId(), secret),
                SecretIssue.firstSight(keycloakCreated, now, serving).toRecord(), now, current);
        forget(client.getId());
    }

    /** A client was renamed: its secrets' history follows it, in the caller's transaction. */
    public void renamed(KeycloakSession session, ClientModel client, String from) {
        new SecretRecords(em(session)).rename(client.getRealm().getId(), from, client.getClientId());
        forget(client.getId());
    }

    /**
     * Records secrets met for the first time in a transaction of its own, so that every node sees them at once; a
     * record another node wrote first stands (it is read back). Answers what stands for each.
     */
    private static Map<SecretRecords.Key, SecretIssue> recordMet(KeycloakSessionFactory factory, KeycloakSession session, String realmId,
                                                                 Map<SecretRecords.Key, SecretIssue> met) {
        long now = PackClock.millis();
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, fresh -> {
                SecretRecords records = new SecretRecords(em(fresh));
                Map<SecretRecords.Key, SecretIssue> standing = new HashMap<>();
                met.forEach((key, issue) -> standing.put(key, SecretIssue.of(records.put(realmId, key, issue.toRecord(), now, true))));
                return standing;
            });
        } catch (RuntimeException e) {
            LOG.debugf("nhi-credential-policy: a secret of realm %s was recorded elsewhere first: %s", realmId, e.getMessage());
            Map<SecretRecords.Key, SecretIssue> standing = new HashMap<>(met);
            new SecretRecords(em(session)).find(realmId, met.keySet()).forEach((key, recorded) -> standing.put(key, SecretIssue.of(recorded)));
            return standing;
        }
    }

    /**
     * Records every realm's secrets the pack has not met yet, each realm in a transaction of its own. At start-up (before
     * the pack serves) it also records the previous secrets Keycloak's rotation still accepts: they predate the pack.
     * Idempotent: a node that runs it after another writes nothing new.
     */
    public void census(KeycloakSessionFactory factory) {
        List<String> realmIds = RealmIds.all(factory);
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> recordUnmet(session, realmId, !serving));
            } catch (RuntimeException e) {
                LOG.debugf("nhi-credential-policy: the secrets of realm %s are recorded at the next census: %s", realmId, e.getMessage());
            }
        }
    }

    /** From now on, secrets met for the first time are known from that moment, not from Keycloak's record. */
    public void startServing() {
        serving = true;
    }

    /**
     * Records every secret of the realm not recorded yet, in a transaction of its own that ends before the caller's
     * goes on: a tier that becomes secret-free refuses only the secrets met after that moment, so every secret it is
     * meant to spare must be on record before it.
     */
    public void recordRealmNow(KeycloakSessionFactory factory, String realmId) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> recordUnmet(session, realmId, false));
    }

    private void recordUnmet(KeycloakSession session, String realmId, boolean withFormer) {
        Map<String, HeldSecret> held = HeldSecret.ofRealm(em(session), realmId);
        Map<SecretRecords.Key, SecretIssue> known = known(session, realmId, held);
        SecretRecords records = new SecretRecords(em(session));
        long now = PackClock.millis();
        for (HeldSecret secret : held.values()) {
            SecretRecords.Key key = key(realmId, secret.clientName(), secret.secret());
            SecretRecords.Key previous = secret.liveRotated() == null ? null : key(realmId, secret.clientName(), secret.liveRotated());
            if (withFormer && previous != null && !known.containsKey(previous)) {
                records.put(realmId, previous, SecretIssue.firstSight(null, now, false).toRecord(), now, false);
            }
            SecretIssue write = toWrite(known.get(key), secret.keycloakCreated());
            if (write != null) {
                records.put(realmId, key, write.toRecord(), now, true);
            }
        }
    }

    /** Forgets what this node remembers of a client (removed or renamed); its records stay. */
    public void forget(String clientId) {
        current.remove(clientId);
        former.remove(clientId);
    }

    private static SecretRecords.Key key(String realmId, String clientName, String secret) {
        return new SecretRecords.Key(clientName, SecretFingerprint.of(realmId, secret));
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
