package dev.nhiguard.usage;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;

/**
 * {@code /admin/realms/{realm}/nhi-guard/usage}: writes what this node has seen now rather than at its next flush,
 * for an operator about to take the node down or a test that reads the usage back. Needs manage-clients;
 * answers how many of this realm's clients were written.
 */
public class UsageResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    private final RealmModel realm;

    public UsageResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @POST
    @Path("flush")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> flush() {
        auth.clients().requireManage();
        // the whole buffer is written (one transaction is cheaper than one per realm); the answer speaks of this realm only
        return Map.of("clients", Usage.flush(session).getOrDefault(realm.getId(), 0));
    }
}
