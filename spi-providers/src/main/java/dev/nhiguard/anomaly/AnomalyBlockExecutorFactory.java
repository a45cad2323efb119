package dev.nhiguard.anomaly;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Arrays;
import java.util.List;

/**
 * Client policy executor that refuses tokens while a machine identity has an open anomaly flag of a chosen kind,
 * until an owner or admin clears it in a review. Detection runs for every machine identity whether or not a policy
 * uses this executor (see {@link Anomalies}).
 */
public class AnomalyBlockExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-anomaly-block";
    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES =
            withMode(ExecutorOption.properties(AnomalyBlockExecutorConfiguration.OPTIONS));

    /** The identity-context listener's own flush interval, at which it also reads every node's open flags. */
    private int openFlagsIntervalSeconds = 60;

    @Override
    public void init(org.keycloak.Config.Scope config) {
        openFlagsIntervalSeconds = org.keycloak.Config.scope("events-listener", dev.nhiguard.policy.SaveRecords.LISTENER_ID)
                .getInt("flush-interval", openFlagsIntervalSeconds);
    }

    /**
     * The identity-context listener reads every node's open flags at its flush. Switched off, nobody on this node
     * would: this executor's factory then reads them on a timer of its own, so a flag raised on another node blocks here.
     */
    @Override
    public void postInit(org.keycloak.models.KeycloakSessionFactory factory) {
        Anomalies anomalies = Anomalies.of(factory);
        if (factory.getProviderFactory(org.keycloak.events.EventListenerProvider.class, dev.nhiguard.policy.SaveRecords.LISTENER_ID) == null) {
            dev.nhiguard.shared.TimedTasks.everyAfterStart(factory, "nhi-anomaly-open-flags", openFlagsIntervalSeconds * 1000L,
                    () -> org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(factory, anomalies::refreshOpen));
        }
    }

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new AnomalyBlockExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: no token for a machine identity while it has an open anomaly flag of a chosen kind (new network, "
                + "rate spike, human use, new certificate), until its owner or an admin clears the flag in a review.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
