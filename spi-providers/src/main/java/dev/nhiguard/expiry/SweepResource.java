package dev.nhiguard.expiry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.ReviewDate;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.store.SweepRuns;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/nhi-guard/sweep}: run the realm's expiry sweep now ({@code manage-clients}), or see
 * what it would do today or on a later day ({@code dryRun=true}, optionally {@code asOf}; {@code view-clients}).
 */
public class SweepResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public SweepResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public SweepResult run() {
        auth.clients().requireView(); // who may not even see a dry run learns nothing of how the request was wrong
        boolean dryRun = QueryParameters.dryRun(session, "nhiSweepDryRunRequired");
        String asOfParameter = QueryParameters.single(session, "asOf");
        if (!dryRun) {
            auth.clients().requireManage();
        }
        LocalDate asOf = parseAsOf(asOfParameter, dryRun);
        Actor actor = Actor.of(auth.adminAuth(), session);
        Sweep sweep = new Sweep(session.getKeycloakSessionFactory(), realm.getId());
        if (dryRun) {
            return sweep.run(true, asOf, actor);
        }
        return SweepLock.run(session, realm.getId(), () -> sweep.run(false, null, actor)).orElseThrow(() ->
                ErrorResponse.error(NhiMessages.format("nhiSweepRunning"), Response.Status.CONFLICT));
    }

    /** When the realm was last swept (by anyone) and when its schedule runs it next. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        auth.clients().requireView();
        Long lastRun = new SweepRuns(session.getProvider(JpaConnectionProvider.class).getEntityManager()).lastRun(realm.getId());
        ExpirySettings settings = ExpirySettings.of(realm);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", settings.mode());
        status.put("lastRun", lastRun == null ? null : Instant.ofEpochMilli(lastRun).toString());
        status.put("nextRun", lastRun == null ? null : Instant.ofEpochMilli(lastRun + settings.sweepIntervalHours() * 3_600_000L).toString());
        return status;
    }

    private static LocalDate parseAsOf(String value, boolean dryRun) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        LocalDate asOf = ReviewDate.parse(value).orElseThrow(() ->
                ErrorResponse.error(NhiMessages.format("nhiSweepBadAsOf", SafeText.echo(value, 20)), Response.Status.BAD_REQUEST));
        if (!dryRun) {
            throw ErrorResponse.error(NhiMessages.format("nhiSweepAsOfNeedsDryRun"), Response.Status.BAD_REQUEST);
        }
        LocalDate today = PackClock.today();
        if (asOf.isBefore(today) || asOf.isAfter(today.plusYears(10))) {
            throw ErrorResponse.error(NhiMessages.format("nhiSweepAsOfRange", value, today.toString()), Response.Status.BAD_REQUEST);
        }
        return asOf;
    }
}
