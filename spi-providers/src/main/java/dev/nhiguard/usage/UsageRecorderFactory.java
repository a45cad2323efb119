package dev.nhiguard.usage;

import dev.nhiguard.node.NodeState;
import dev.nhiguard.shared.TimedTasks;
import dev.nhiguard.shared.ClientsStillThere;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * Usage tracking for every realm, without realm configuration (a global event listener). The token path adds to an
 * in-memory buffer; a timer writes it out every {@code flush-interval} seconds, each client once, and the buffer is
 * written when the server stops. Each node writes rows of its own.
 */
public class UsageRecorderFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-usage";
    private static final String IDENTITY_CONTEXT = dev.nhiguard.policy.SaveRecords.LISTENER_ID;
    public static final String FLUSH_INTERVAL = "flush-interval";
    static final int DEFAULT_FLUSH_INTERVAL = 60;
    private static final Logger LOG = Logger.getLogger(UsageRecorderFactory.class);

    /** The node's usage buffer, taken at post-init (the identity-context listener may have asked for it first). */
    private UsageBuffer buffer = new UsageBuffer();
    public static final String NODE_NAME = dev.nhiguard.node.NodeName.OPTION;
    private int flushIntervalSeconds = DEFAULT_FLUSH_INTERVAL;
    private KeycloakSessionFactory sessionFactory;

    /** Set when no identity-context listener reads token events (switched off): this listener reads them itself. */
    private volatile boolean recordsItself = true;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return recordsItself ? new UsageRecorder(session, buffer) : UsageRecorder.FED_BY_IDENTITY_CONTEXT;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        flushIntervalSeconds = config.getInt(FLUSH_INTERVAL, DEFAULT_FLUSH_INTERVAL);
        if (flushIntervalSeconds < 1 || flushIntervalSeconds > 3600) {
            throw new IllegalArgumentException("nhi-usage: " + FLUSH_INTERVAL + " must be from 1 to 3600 seconds, got " + flushIntervalSeconds);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        buffer = NodeState.of(factory).get(UsageBuffer.class, UsageBuffer::new);
        // the identity-context listener reads every token event and hands usage here (one pass for both)
        recordsItself = factory.getProviderFactory(EventListenerProvider.class, IDENTITY_CONTEXT) == null;
        TimedTasks.everyAfterStart(factory, "nhi-usage-flush", flushIntervalSeconds * 1000L, this::flushQuietly);
    }

    /**
     * Writes everything seen so far, now; on failure it stays in the buffer for the next flush. Returns how many
     * clients of each realm were written.
     */
    public Map<String, Integer> flush() {
        if (sessionFactory == null) {
            return Map.of(); // not started yet: nothing can have been seen
        }
        List<PendingUsage> pending = buffer.drain();
        if (pending.isEmpty()) {
            return Map.of();
        }
        try {
            List<PendingUsage> written = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
                List<PendingUsage> stored = pending.stream().filter(p -> ClientsStillThere.exists(session, p.realmId(), p.clientId())).toList();
                new UsageWriter(session.getProvider(JpaConnectionProvider.class).getEntityManager(), NodeState.of(session).nodeName()).write(stored);
                return stored;
            });
            Map<String, Integer> byRealm = new java.util.HashMap<>();
            written.forEach(p -> byRealm.merge(p.realmId(), 1, Integer::sum));
            return byRealm;
        } catch (RuntimeException e) {
            buffer.restore(pending);
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf(e, "nhi-usage: could not write usage of %d clients; kept for the next flush", buffer.size());
        }
    }

    /** The server stops: what is still in memory is written now, or reported lost. */
    @Override
    public void close() {
        try {
            int written = flush().values().stream().mapToInt(Integer::intValue).sum();
            LOG.debugf("nhi-usage: wrote the usage of %d clients at shutdown", written);
        } catch (RuntimeException e) {
            LOG.warnf("nhi-usage: the usage of %d clients seen since the last flush could not be written at shutdown: %s",
                    buffer.size(), e.getMessage());
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }


    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(FLUSH_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between writes of the usage this node saw (1 to 3600): at most one write per client per interval.")
                .defaultValue(DEFAULT_FLUSH_INTERVAL).add()
                .property().name(NODE_NAME).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("This node's name in the usage tables (at most 80 characters). Default: the host name and a hash of "
                        + "Keycloak's installation path, stable across restarts. Must differ between nodes that run at the same time.")
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return dev.nhiguard.shared.ServerOptionsInfo.of(getConfigMetadata(),
                Map.of(FLUSH_INTERVAL, flushIntervalSeconds, NODE_NAME, sessionFactory == null ? "" : NodeState.of(sessionFactory).nodeName()));
    }
}
