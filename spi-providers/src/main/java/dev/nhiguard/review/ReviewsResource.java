package dev.nhiguard.review;

import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.inventory.InventoryRequest;
import dev.nhiguard.inventory.InventorySettings;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/realms/{realm}/nhi-guard/reviews}: the review queue of the caller, an admin (every identity) or an
 * owner (their own), and {@code reviews/reminders} to send the realm's due reminders now (manage-realm).
 */
public class ReviewsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final InventorySettings settings;

    public ReviewsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, InventorySettings settings) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReviewItem> queue() {
        ReviewAccess access = new ReviewAccess(session, realm, auth);
        if (!access.mayAsk()) {
            throw new ForbiddenException();
        }
        String state = QueryParameters.single(session, "state");
        String owner = QueryParameters.single(session, "owner");
        String finding = QueryParameters.single(session, "finding");
        String first = QueryParameters.single(session, "first");
        String max = QueryParameters.single(session, "max");
        Optional<ReviewState> wantedState;
        InventoryRequest request;
        try {
            wantedState = ReviewQueue.parseState(state);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(NhiMessages.format("nhiReviewBadState", SafeText.echo(state, 20)), Response.Status.BAD_REQUEST);
        }
        try {
            request = InventoryRequest.parse(first, max, owner, finding, settings.maxPageSize());
        } catch (InventoryRequest.BadParameter e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        return new ReviewQueue(session, realm, access, settings).list(wantedState, request);
    }

    /** Sends the reminders due in this realm now, rather than at the scheduler's next check; each at most once. */
    @POST
    @Path("reminders")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> remindNow() {
        auth.realm().requireManageRealm();
        String base = session.getContext().getUri().getBaseUri().toString();
        return Map.of("sent", new ReviewReminders(session.getKeycloakSessionFactory(), base).remind(realm.getId()));
    }
}
