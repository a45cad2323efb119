package dev.nhiguard.telemetry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.shared.RealmIds;
import dev.nhiguard.shared.TimedTasks;
import dev.nhiguard.usage.UsageBuffer;
import dev.nhiguard.usage.UsageRecorderFactory;

import dev.nhiguard.anomaly.Anomalies;
import dev.nhiguard.inventory.InventoryService;
import dev.nhiguard.inventory.InventorySettings;
import dev.nhiguard.shared.ClientsStillThere;
import dev.nhiguard.shared.NhiMetrics;
import dev.nhiguard.policy.SaveRecords;
import dev.nhiguard.usage.Usage;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * Identity context for every realm, without realm configuration (a global event listener): one record per machine
 * identity's token request under the log category {@code nhi.identity-context}, the pack's metrics, and the decision
 * counts of the readiness view, written per node every {@code flush-interval} seconds.
 */
public class IdentityContextListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = SaveRecords.LISTENER_ID;
    static final String QUEUE_SIZE = "queue-size";
    static final String FLUSH_INTERVAL = "flush-interval";
    static final String FINDINGS_INTERVAL = "findings-interval";
    static final int DEFAULT_QUEUE_SIZE = 10_000;
    static final int DEFAULT_FLUSH_INTERVAL = 60;
    static final int DEFAULT_FINDINGS_INTERVAL = 300;
    private static final Logger LOG = Logger.getLogger(IdentityContextListenerFactory.class);

    private IdentityContextLog log;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int flushIntervalSeconds = DEFAULT_FLUSH_INTERVAL;
    private int findingsIntervalSeconds = DEFAULT_FINDINGS_INTERVAL;
    private InventorySettings inventorySettings = InventorySettings.defaults();
    private KeycloakSessionFactory sessionFactory;
    /** The node's state this listener feeds, resolved once: the token path reads the fields. */
    private Anomalies anomalies;
    private NodeTelemetry telemetry;
    private UsageBuffer usage;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new IdentityContextListener(session, this);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        queueSize = config.getInt(QUEUE_SIZE, DEFAULT_QUEUE_SIZE);
        flushIntervalSeconds = config.getInt(FLUSH_INTERVAL, DEFAULT_FLUSH_INTERVAL);
        findingsIntervalSeconds = config.getInt(FINDINGS_INTERVAL, DEFAULT_FINDINGS_INTERVAL);
        if (queueSize < 100 || queueSize > 1_000_000) {
            throw new IllegalArgumentException(PROVIDER_ID + ": " + QUEUE_SIZE + " must be from 100 to 1000000, got " + queueSize);
        }
        if (flushIntervalSeconds < 1 || flushIntervalSeconds > 3600) {
            throw new IllegalArgumentException(PROVIDER_ID + ": " + FLUSH_INTERVAL + " must be from 1 to 3600 seconds, got " + flushIntervalSeconds);
        }
        if (findingsIntervalSeconds != 0 && (findingsIntervalSeconds < 10 || findingsIntervalSeconds > 86_400)) {
            throw new IllegalArgumentException(PROVIDER_ID + ": " + FINDINGS_INTERVAL + " must be 0 (off) or from 10 to 86400 seconds, got "
                    + findingsIntervalSeconds);
        }
        inventorySettings = InventorySettings.from(Config.scope("admin-realm-restapi-extension", "nhi-guard"));
        log = new IdentityContextLog(queueSize);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        anomalies = Anomalies.of(factory);
        telemetry = NodeTelemetry.of(factory);
        usage = dev.nhiguard.usage.Usage.buffer(factory).orElse(null);
        NhiMetrics.droppedRecords(() -> log.dropped());
        TimedTasks.everyAfterStart(factory, "nhi-decision-counts-flush", flushIntervalSeconds * 1000L, this::flushQuietly);
        if (findingsIntervalSeconds > 0) {
            TimedTasks.everyAfterStart(factory, "nhi-open-findings", findingsIntervalSeconds * 1000L, this::countFindingsQuietly);
        }
    }

    /** Usage tracking's buffer, null when usage tracking is switched off: this listener hands it what it read anyway. */
    UsageBuffer usage() {
        return usage;
    }

    IdentityContextLog log() {
        return log;
    }

    DecisionCounts counts() {
        return telemetry.counts();
    }

    Anomalies anomalies() {
        return anomalies;
    }

    private void flush() {
        if (sessionFactory != null) {
            telemetry.flush(sessionFactory);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: could not write decision counts; kept for the next flush", PROVIDER_ID);
        }
    }

    /** The open-findings gauges, per realm, from the inventory's own rules; never computed on scrape. */
    void countFindings() {
        List<String> realmIds = RealmIds.all(sessionFactory);
        for (String realmId : realmIds) {
            KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                Map<dev.nhiguard.shared.Finding, Integer> open = new InventoryService(session, realm, inventorySettings, PackClock.now()).openFindings();
                open.forEach((finding, count) -> NhiMetrics.openFindings(realm.getName(), finding.name(), count));
            });
        }
    }

    private void countFindingsQuietly() {
        try {
            countFindings();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: could not count open findings", PROVIDER_ID);
        }
    }

    @Override
    public void close() {
        flushQuietly();
        if (log != null) {
            log.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(QUEUE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_QUEUE_SIZE)
                .helpText("Records waiting for the log writer (100 to 1000000); when full, records are dropped and counted, never waited for.")
                .add()
                .property().name(FLUSH_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_FLUSH_INTERVAL)
                .helpText("Seconds between writes of this node's refusal counts for the readiness view (1 to 3600).")
                .add()
                .property().name(FINDINGS_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_FINDINGS_INTERVAL)
                .helpText("Seconds between counts of open inventory findings for the nhi_open_findings gauge (10 to 86400; 0: off).")
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return dev.nhiguard.shared.ServerOptionsInfo.of(getConfigMetadata(), Map.of(QUEUE_SIZE, queueSize,
                FLUSH_INTERVAL, flushIntervalSeconds, FINDINGS_INTERVAL, findingsIntervalSeconds));
    }
}
