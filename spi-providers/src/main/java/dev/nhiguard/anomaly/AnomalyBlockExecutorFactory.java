package dev.nhiguard.anomaly;

import dev.nhiguard.shared.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
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
    public static final String KINDS = "kinds";
    /** A refusal burst is raised by callers nobody authenticated: blocking on it would let a stranger lock a client out. */
    static final List<String> DEFAULT_KINDS = Arrays.stream(AnomalyKind.values()).filter(k -> k != AnomalyKind.REFUSAL_BURST)
            .map(Enum::name).toList();

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = withMode(ProviderConfigurationBuilder.create()
            .property().name(KINDS).label("Blocking flags").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(Arrays.stream(AnomalyKind.values()).map(Enum::name).toList()).defaultValue(String.join("##", DEFAULT_KINDS))
            .helpText("Tokens are refused while the client has an open flag of one of these kinds. REFUSAL_BURST is raised by "
                    + "requests nobody authenticated: choosing it lets anyone who knows a client id lock that client out.")
            .add()
            .build());

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
