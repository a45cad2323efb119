package dev.nhiguard.expiry;

import dev.nhiguard.store.AuditRecords;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.http.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/nhi-guard/audit}: the governance history of the realm's machine identities, newest
 * first, also of clients deleted since; {@code clientId} narrows it to one client (by its clientId, so the history of a
 * client deleted and created again stays together). Needs view-clients.
 */
public class AuditResource {

    static final int MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public AuditResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuditRecords.Entry> list() {
        auth.clients().requireView();
        String clientId = QueryParameters.single(session, "clientId");
        Paging paging = Paging.of(session, MAX);
        AuditRecords records = new AuditRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        if (clientId != null && !clientId.isEmpty()) {
            return records.forClient(realm.getId(), clientId, paging.first(), paging.max());
        }
        return records.forRealm(realm.getId(), paging.first(), paging.max());
    }
}
