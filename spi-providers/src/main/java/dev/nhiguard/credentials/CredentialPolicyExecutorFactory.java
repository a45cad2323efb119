package dev.nhiguard.credentials;

import dev.nhiguard.shared.TimedTasks;
import dev.nhiguard.policy.NhiExecutorFactory;
import dev.nhiguard.shared.RealmSettingsGuard;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import dev.nhiguard.shared.SharedSecrets;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;

/**
 * Client policy executor {@code nhi-credential-policy}: the realm's credential policy (secret lifetime, secret-free
 * tiers) at client save and at every token request. The factory also holds this node's {@link SecretAges} and runs
 * their census every {@code census-interval} seconds, once per cluster.
 */
public class CredentialPolicyExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-credential-policy";
    public static final String CENSUS_INTERVAL = "census-interval";
    static final int DEFAULT_CENSUS_INTERVAL = 60;
    private static final Logger LOG = Logger.getLogger(CredentialPolicyExecutorFactory.class);

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES =
            withMode(dev.nhiguard.policy.ExecutorOption.properties(CredentialPolicyExecutorConfiguration.OPTIONS));

    private SecretAges ages = new SecretAges();
    private int censusIntervalSeconds = DEFAULT_CENSUS_INTERVAL;

    /** This node's secret ages, for the inventory and the reviews. */
    public static SecretAges ages(KeycloakSession session) {
        return dev.nhiguard.node.NodeState.of(session).get(SecretAges.class, SecretAges::new);
    }

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new CredentialPolicyExecutor(session, ages);
    }

    @Override
    public void init(Config.Scope config) {
        censusIntervalSeconds = config.getInt(CENSUS_INTERVAL, DEFAULT_CENSUS_INTERVAL);
        if (censusIntervalSeconds < 1) {
            throw new IllegalArgumentException(PROVIDER_ID + ": " + CENSUS_INTERVAL + " must be at least 1 second, got " + censusIntervalSeconds);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ages = dev.nhiguard.node.NodeState.of(factory).get(SecretAges.class, SecretAges::new);
        factory.register(event -> RealmSettingsGuard.onEvent(event, CredentialPolicy::problems));
        factory.register(this::onClientEvent);
        factory.register(event -> {
            if (event instanceof org.keycloak.models.utils.PostMigrationEvent) {
                // after Keycloak's start-up (realm import included): record every secret found, then serve
                census(factory);
                ages.startServing();
            }
        });
        TimedTasks.everyAfterStart(factory, "nhi-secret-census", censusIntervalSeconds * 1000L, () -> census(factory));
    }

    /** Every door that saves a client (admin API, registration, partial import, realm import) ends in Keycloak's client events. */
    private void onClientEvent(org.keycloak.provider.ProviderEvent event) {
        if (event instanceof ClientModel.ClientUpdatedEvent updated) {
            ClientModel client = updated.getUpdatedClient();
            if (client.isServiceAccountsEnabled() && SharedSecrets.held(client)) {
                ages.recordSaved(updated.getKeycloakSession(), client);
            }
        } else if (event instanceof ClientModel.ClientIdChangeEvent renamed) {
            ages.renamed(renamed.getKeycloakSession(), renamed.getUpdatedClient(), renamed.getPreviousClientId());
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            ages.forget(removed.getClient().getId());
        }
    }

    private void census(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted("nhi-secret-census", Math.max(censusIntervalSeconds - 1, 1), () -> {
                        ages.census(factory);
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the secret census failed; it runs again in %d seconds", PROVIDER_ID, censusIntervalSeconds);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: the realm's credential policy (nhi-guard/credential-policy): no token for a shared secret past its "
                + "lifetime, and no new shared secret for a machine client at a secret-free tier.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public java.util.Map<String, String> getOperationalInfo() {
        return dev.nhiguard.shared.ServerOptionsInfo.of(getConfigMetadata(), java.util.Map.of(CENSUS_INTERVAL, censusIntervalSeconds));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CENSUS_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_CENSUS_INTERVAL)
                .helpText("Seconds between two walks over every realm's secret clients, dating the secrets the pack has not seen yet.")
                .add().build();
    }
}
