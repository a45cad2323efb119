package dev.nhiguard.usage;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;

/**
 * {@code /admin/realms/{realm}/nhi-guard/usage}: writes what this node has seen now rather than at its next flush,
 * for an operator about to take the node down or a test that reads the usage back. Needs manage-clients.
 */
public class UsageResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    public UsageResource(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    @POST
    @Path("flush")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> flush() {
        auth.clients().requireManage();
        UsageRecorderFactory recorder = Usage.recorder(session);
        return Map.of("node", recorder.node(), "clients", recorder.flush());
    }
}
