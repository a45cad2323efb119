package dev.nhiguard.anomaly;

import dev.nhiguard.policy.Enforcement;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.TokenMoments;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Set;

class AnomalyBlockExecutor implements ClientPolicyExecutorProvider<AnomalyBlockExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(AnomalyBlockExecutor.class);

    private final KeycloakSession session;
    private Set<String> kinds = Set.copyOf(AnomalyBlockExecutorConfiguration.KINDS.defaultValue());
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    AnomalyBlockExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(AnomalyBlockExecutorConfiguration configuration) {
        this.kinds = configuration.kinds();
        this.mode = configuration.mode();
    }

    @Override
    public Class<AnomalyBlockExecutorConfiguration> getExecutorConfigurationClass() {
        return AnomalyBlockExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return AnomalyBlockExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (TokenMoments.isMinting(context.getEvent())) {
            Enforcement.judge(session, AnomalyBlockExecutorFactory.PROVIDER_ID, mode, context, () -> onTokenRequest(context));
        }
    }

    private void onTokenRequest(ClientPolicyContext context) throws ClientPolicyException {
        ClientModel client = TokenMoments.client(session, context).orElse(null);
        if (client == null || !client.isServiceAccountsEnabled()) {
            return;
        }
        Set<String> blocking = AnomalyBlocks.blocking(Anomalies.of(session), client.getId(), kinds);
        if (!blocking.isEmpty()) {
            throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.UNAUTHORIZED_CLIENT, AnomalyBlocks.refusal(blocking));
        }
    }
}
