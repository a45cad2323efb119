package dev.nhiguard.node;

import dev.nhiguard.shared.PackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Holds every piece of the pack's node-wide state (anomaly flags and baselines, the usage buffer, secret ages, decision
 * counts), one object per type, made by the first capability that asks for it. Keycloak makes one factory per
 * provider for the whole node, so this is the node's one home for them; a listener's or executor's factory is no
 * such home, since an admin may switch a listener off and Keycloak makes an executor factory per component.
 */
public class NodeStateFactory implements ProviderFactory<NodeStateProvider>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";
    private static final NodeStateProvider NOTHING_PER_SESSION = () -> {
    };

    private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();
    private String nodeName;

    @Override
    public NodeStateProvider create(KeycloakSession session) {
        return NOTHING_PER_SESSION;
    }

    @Override
    public void init(Config.Scope config) {
        // the node's name is an option of usage tracking since 0.1.0, which first named nodes; read from its scope
        nodeName = NodeName.configured(Config.scope("events-listener", "nhi-usage"));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    /** The node's one object of this type, made now by {@code create} if no one has asked before. */
    public <T> T get(Class<T> type, Supplier<? extends T> create) {
        return type.cast(state.computeIfAbsent(type, t -> create.get()));
    }

    /** This node's name among the cluster's, in the rows each node writes of its own. */
    public String nodeName() {
        return nodeName;
    }

    @Override
    public void close() {
        state.clear();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("nhi-guard-version", PackVersion.version(), "node", nodeName);
    }
}
