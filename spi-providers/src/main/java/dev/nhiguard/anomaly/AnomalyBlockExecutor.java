package dev.nhiguard.anomaly;

import dev.nhiguard.shared.AnomalyFlags;
import dev.nhiguard.shared.Enforcement;
import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.PolicyRefusal;
import dev.nhiguard.shared.TokenMoments;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Set;
import java.util.TreeSet;

class AnomalyBlockExecutor implements ClientPolicyExecutorProvider<AnomalyBlockExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(AnomalyBlockExecutor.class);

    private final KeycloakSession session;
    private Set<String> kinds = Set.copyOf(AnomalyBlockExecutorFactory.DEFAULT_KINDS);
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
        Set<String> blocking = new TreeSet<>(AnomalyFlags.of(session).openKinds(client.getId()));
        blocking.retainAll(kinds);
        if (!blocking.isEmpty()) {
            // the kind only: what set it off (a network, a certificate) is for the owner's review, not for the caller
            throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.UNAUTHORIZED_CLIENT,
                    NhiMessages.format("nhiAnomalyOpen", String.join(", ", blocking)));
        }
    }
}
