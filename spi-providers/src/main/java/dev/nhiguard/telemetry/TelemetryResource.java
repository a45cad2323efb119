package dev.nhiguard.telemetry;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;

/**
 * {@code POST /admin/realms/{realm}/nhi-guard/telemetry/flush}: writes this node's refusal counts, baselines and
 * anomaly flags now rather than at the next flush, as the usage flush does for usage. Needs manage-clients.
 */
public class TelemetryResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    public TelemetryResource(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    @POST
    @Path("flush")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> flush() {
        auth.clients().requireManage();
        NodeTelemetry.of(session).flush(session.getKeycloakSessionFactory());
        return Map.of("flushed", true);
    }
}
