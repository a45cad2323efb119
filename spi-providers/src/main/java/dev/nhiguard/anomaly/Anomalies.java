package dev.nhiguard.anomaly;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.ClientsStillThere;
import dev.nhiguard.shared.GovernanceEvents;
import dev.nhiguard.shared.IssuedTokens;
import dev.nhiguard.signals.MachineSignals;
import dev.nhiguard.shared.NhiMetrics;
import dev.nhiguard.store.AnomalyRecords;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.ssf.event.InitiatingEntity;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * This node's anomaly detection: per machine identity a baseline (read from the pack's tables the first time the
 * node sees the client, merged with every node's rows at each flush), the flags it raises, and the open flags the
 * {@code nhi-anomaly-block} executor refuses on. One per node, held by the identity-context listener's factory. New baseline values, hourly counts and flags reach the tables with
 * the identity-context flush; the token path only reads memory (and the client's rows once, on first sight).
 */
public final class Anomalies {

    private static final Logger LOG = Logger.getLogger("nhi.anomaly");

    private record PendingFlag(String realmId, String clientUuid, String clientId, AnomalyKind kind, String detail, long time) {
    }

    private final Map<String, ClientBaseline> baselines = new ConcurrentHashMap<>();
    private final Networks networks = new Networks();
    private final ConcurrentLinkedQueue<PendingFlag> pendingFlags = new ConcurrentLinkedQueue<>();
    private volatile Map<String, Set<String>> open = Map.of();

    /** The node's anomaly state, whichever of the pack's listeners are on. */
    public static Anomalies of(KeycloakSession session) {
        return dev.nhiguard.node.NodeState.of(session).get(Anomalies.class, Anomalies::new);
    }

    public static Anomalies of(org.keycloak.models.KeycloakSessionFactory factory) {
        return dev.nhiguard.node.NodeState.of(factory).get(Anomalies.class, Anomalies::new);
    }

    /** The kinds of open flags of a client, as this node knows them. */
    public Set<String> openKinds(String clientUuid) {
        return open.getOrDefault(clientUuid, Set.of());
    }

    /** Judges one request; answers the flags it newly raised. */
    public List<AnomalyKind> observe(KeycloakSession session, Observation o, ExpirySettings settings) {
        ClientBaseline baseline = baselines.get(o.clientUuid());
        if (baseline == null) {
            baseline = baselines.computeIfAbsent(o.clientUuid(), id -> load(session, o.realmId(), id, o.time(), settings));
        }
        synchronized (baseline) {
            return observe(o, settings, baseline);
        }
    }

    private List<AnomalyKind> observe(Observation o, ExpirySettings settings, ClientBaseline baseline) {
        List<AnomalyKind> raised = new ArrayList<>(1);
        int hour = (int) (o.time() / 3_600_000L);
        if (!o.granted() && baseline.refusals(o.time()) >= settings.anomalyRefusalBurst() && !baseline.isQuiet(hour)) {
            raise(o, AnomalyKind.REFUSAL_BURST, settings.anomalyRefusalBurst() + " refused requests within ten minutes", raised);
        }
        if (!o.authenticated()) {
            return raised; // a stranger's request is no fact about the client
        }
        java.util.Optional<String> personAgent = HumanSigns.personAgent(o.userAgent());
        if (HumanSigns.interactiveGrant(o.grant()) || personAgent.isPresent()) {
            raise(o, AnomalyKind.HUMAN_USE, HumanSigns.interactiveGrant(o.grant()) ? "grant " + o.grant() : personAgent.get() + " user agent", raised);
        }
        boolean learning = o.time() - baseline.since() < settings.anomalyLearningHours() * 3_600_000L;
        String network = baseline.networkOf(o.address(), settings.anomalyIpv4Prefix(), settings.anomalyIpv6Prefix(), networks);
        if (network != null && baseline.note(ClientBaseline.NETWORK, network, o.time()) == ClientBaseline.Sighting.NEW && !learning) {
            raise(o, AnomalyKind.NEW_NETWORK, network, raised);
        }
        if (o.userAgent() != null) {
            baseline.note(ClientBaseline.AGENT, o.userAgent(), o.time());
        }
        if (o.certificateThumbprint() != null
                && baseline.note(ClientBaseline.CERTIFICATE, o.certificateThumbprint(), o.time()) == ClientBaseline.Sighting.NEW && !learning) {
            raise(o, AnomalyKind.NEW_CERTIFICATE, o.certificateThumbprint(), raised);
        }
        if (o.granted()) {
            long[] rate = baseline.countHour(hour, hour - settings.anomalyBaselineDays() * 24);
            long threshold = Math.max(settings.anomalyRateFloor(), (long) settings.anomalyRateMultiple() * rate[1]);
            if (!learning && rate[0] > threshold && !baseline.isQuiet(hour)) {
                raise(o, AnomalyKind.RATE_SPIKE, rate[0] + " requests this hour (baseline " + rate[1] + " per active hour)", raised);
            }
        }
        return raised;
    }

    private void raise(Observation o, AnomalyKind kind, String detail, List<AnomalyKind> raised) {
        Set<String> kinds = open.get(o.clientUuid());
        if (kinds != null && kinds.contains(kind.name())) {
            return;
        }
        synchronized (this) {
            Map<String, Set<String>> next = new HashMap<>(open);
            Set<String> clientKinds = new HashSet<>(next.getOrDefault(o.clientUuid(), Set.of()));
            if (!clientKinds.add(kind.name())) {
                return;
            }
            next.put(o.clientUuid(), Set.copyOf(clientKinds));
            open = next;
        }
        raised.add(kind);
        pendingFlags.add(new PendingFlag(o.realmId(), o.clientUuid(), o.clientId(), kind, detail, o.time()));
        NhiMetrics.anomalyFlag(o.realmName(), kind.name());
        LOG.infof("realm %s: anomaly %s on client %s: %s", o.realmName(), kind, o.clientId(), detail);
    }

    /**
     * Writes a flag with its admin event, unless one of its kind is open already (another node raised it). A flag that
     * blocks the client ends the tokens it holds at once, at Keycloak and at every receiver of the realm's signals
     * (CAEP session-revoked): a blocked identity keeps nothing it was given before.
     */
    private static void write(KeycloakSession session, AnomalyRecords records, PendingFlag flag) {
        if (records.raise(flag.realmId(), flag.clientUuid(), flag.kind().name(), flag.detail(), flag.time())) {
            RealmModel realm = session.realms().getRealm(flag.realmId());
            if (realm != null) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("nhi.anomaly", flag.kind().name());
                details.put("nhi.anomaly.detail", flag.detail());
                GovernanceEvents.client(session, realm, Actor.anomalyDetection(flag.realmId()), OperationType.ACTION, flag.clientUuid(),
                        null, details);
                ClientModel client = realm.getClientById(flag.clientUuid());
                if (client != null && AnomalyBlocks.kinds(session, realm, client).contains(flag.kind().name())) {
                    IssuedTokens.revoke(session, realm, client);
                    MachineSignals.tokensRevoked(session, realm, client, "nhi-guard: anomaly " + flag.kind().name()
                            + " blocks it until a review clears it", InitiatingEntity.POLICY);
                }
            }
        }
    }

    /**
     * Writes the flags this node raised for the client and has not written yet, in the caller's transaction, so a
     * review about to clear them sees what the node's token endpoint refuses on.
     */
    public void writeRaised(KeycloakSession session, String clientUuid) {
        List<PendingFlag> mine = new ArrayList<>();
        pendingFlags.removeIf(flag -> flag.clientUuid().equals(clientUuid) && mine.add(flag));
        if (mine.isEmpty()) {
            return;
        }
        AnomalyRecords records = new AnomalyRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        mine.forEach(flag -> write(session, records, flag));
        // taken out of the queue so a flush racing this transaction does not write them twice; back in if it fails
        session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
            }

            @Override
            protected void rollbackImpl() {
                pendingFlags.addAll(mine);
            }
        });
    }

    /** An owner or admin cleared the client's flags: this node stops refusing at once. */
    public void cleared(String clientUuid) {
        synchronized (this) {
            Map<String, Set<String>> next = new HashMap<>(open);
            next.remove(clientUuid);
            open = next;
        }
        ClientBaseline baseline = baselines.get(clientUuid);
        if (baseline != null) {
            baseline.quiet((int) (PackClock.millis() / 3_600_000L));
        }
    }

    private static ClientBaseline load(KeycloakSession session, String realmId, String clientUuid, long now, ExpirySettings settings) {
        AnomalyRecords records = new AnomalyRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        long since = now - settings.anomalyBaselineDays() * 86_400_000L;
        return new ClientBaseline(realmId, now, records.baseline(clientUuid, since), records.hours(clientUuid, (int) (since / 3_600_000L)));
    }

    /**
     * Writes this node's new baseline values, hourly counts and flags (each new flag with an admin event), then reads
     * every node's open flags and the baselines of the clients active since the last flush.
     */
    public void flush(KeycloakSession session, String node) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        AnomalyRecords records = new AnomalyRecords(em);
        List<Map.Entry<String, ClientBaseline>> seen = new ArrayList<>();
        for (Map.Entry<String, ClientBaseline> entry : baselines.entrySet()) {
            ClientBaseline.Pending pending = entry.getValue().drain();
            if (pending == null) {
                continue;
            }
            if (!ClientsStillThere.exists(session, entry.getValue().realmId(), entry.getKey())) {
                baselines.remove(entry.getKey()); // removed since: its rows went with it, and it writes none again
                continue;
            }
            seen.add(entry);
            String realmId = entry.getValue().realmId();
            for (ClientBaseline.SeenValue v : pending.values()) {
                records.seen(realmId, entry.getKey(), node, v.kind(), v.value(), v.time(), v.time());
            }
            pending.hours().forEach((hour, count) -> records.addHour(realmId, entry.getKey(), node, hour, count.intValue()));
        }
        for (PendingFlag flag; (flag = pendingFlags.poll()) != null; ) {
            if (ClientsStillThere.exists(session, flag.realmId(), flag.clientUuid())) {
                write(session, records, flag);
            }
        }
        em.flush();
        refreshOpen(records);
        for (Map.Entry<String, ClientBaseline> entry : seen) {
            RealmModel realm = session.realms().getRealm(entry.getValue().realmId());
            if (realm != null) {
                long since = PackClock.millis() - ExpirySettings.cached(realm).anomalyBaselineDays() * 86_400_000L;
                entry.getValue().merge(records.baseline(entry.getKey(), since), records.hours(entry.getKey(), (int) (since / 3_600_000L)));
            }
        }
    }

    /** Reads every node's open flags, as a node that raises none (its identity-context listener off) does on its own timer. */
    public void refreshOpen(KeycloakSession session) {
        refreshOpen(new AnomalyRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager()));
    }

    private void refreshOpen(AnomalyRecords records) {
        open = records.openKindsByClient();
    }
}
