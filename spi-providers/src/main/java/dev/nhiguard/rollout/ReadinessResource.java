package dev.nhiguard.rollout;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.telemetry.IdentityContextListenerFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.OptionalInt;

/**
 * {@code GET /admin/realms/{realm}/nhi-guard/readiness?days=7}: the blast radius of each pack policy before it is
 * switched to enforce. Reads the realm's client policies and every client, so it needs view-realm and view-clients.
 */
public class ReadinessResource {

    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 90;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ReadinessResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Readiness.Report report() {
        auth.realm().requireViewRealm();
        auth.clients().requireView();
        int days = days(QueryParameters.single(session, "days"));
        // this node's latest counts; other nodes' arrive with their next flush
        dev.nhiguard.telemetry.NodeTelemetry.of(session).flush(session.getKeycloakSessionFactory());
        return new Readiness(session, realm).report(days);
    }

    private static int days(String value) {
        if (value == null) {
            return DEFAULT_DAYS;
        }
        OptionalInt days = dev.nhiguard.http.WholeNumbers.digits(value);
        if (days.isEmpty() || days.getAsInt() < 1 || days.getAsInt() > MAX_DAYS) {
            throw ErrorResponse.error(NhiMessages.format("nhiReadinessBadDays", SafeText.echo(value, 20), MAX_DAYS), Response.Status.BAD_REQUEST);
        }
        return days.getAsInt();
    }
}
