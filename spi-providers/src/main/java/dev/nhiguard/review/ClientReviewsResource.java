package dev.nhiguard.review;

import dev.nhiguard.ownership.Owner;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.http.Paging;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.keycloakdb.ClientRowLock;
import dev.nhiguard.store.ReviewRecords;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/nhi-guard/clients/{id}/reviews}: a machine identity's review history, and a new
 * review. A client the caller may not see answers exactly as one that does not exist.
 */
public class ClientReviewsResource {

    private static final int MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final String clientUuid;

    public ClientReviewsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String clientUuid) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.clientUuid = clientUuid;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReviewRecords.Entry> history() {
        ReviewAccess access = new ReviewAccess(session, realm, auth);
        visibleClient(access);
        Paging paging = Paging.of(session, MAX);
        return new ReviewRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager()).forClient(realm.getId(), clientUuid,
                paging.first(), paging.max());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response review(byte[] body) {
        ReviewAccess access = new ReviewAccess(session, realm, auth);
        ClientModel client = visibleClient(access);
        if (!access.reviews(client)) {
            throw new ForbiddenException(); // sees it (a viewing admin), may not decide on it
        }
        ReviewRequest.Result parsed = ReviewRequest.parse(body, session.getContext().getRequestHeaders().getMediaType());
        if (parsed.request().isEmpty()) {
            throw ErrorResponse.error(String.join("; ", parsed.problems()), Response.Status.BAD_REQUEST);
        }
        ReviewRequest request = parsed.request().get();
        // Reviews of one client take turns: each is judged again by the client as the one before left it, so of two
        // hand-overs sent at once by the same owner only the first is the owner's to make.
        ClientRowLock.Locked current = ClientRowLock.lock(session, clientUuid,
                List.of(NhiAttributes.OWNER, NhiAttributes.OWNER_ID, NhiAttributes.OWNER_GROUP, NhiAttributes.REVIEW_BY))
                .orElseThrow(ClientGovernanceResource::notFound);
        Owner owner = Owner.of(current::attribute);
        String ownerGroup = current.attribute(NhiAttributes.OWNER_GROUP);
        if (!access.sees(current.serviceAccountsEnabled(), owner, ownerGroup)) {
            throw ClientGovernanceResource.notFound();
        }
        if (!access.reviews(current.serviceAccountsEnabled(), owner, ownerGroup)
                || request.decision().namedOwnerOnly() && !access.reassigns(current.serviceAccountsEnabled(), owner)) {
            // a member of the owning group reviews, but hands over, or lets a flagged identity have tokens again, only
            // what names them
            throw new ForbiddenException();
        }
        if (!current.enabled() && request.decision() != ReviewDecision.REASSIGN) {
            // attesting a revoked identity would record a judgement nobody made of a running one; revoking it twice, nothing
            throw ErrorResponse.error(NhiMessages.format("nhiReviewClientDisabled", SafeText.echo(client.getClientId(), 80)),
                    Response.Status.CONFLICT);
        }
        ReviewRecords.Entry entry = new ReviewService(session, realm, access, Actor.of(auth.adminAuth(), session))
                .decide(client, owner, current.attribute(NhiAttributes.REVIEW_BY), request);
        return Response.status(Response.Status.CREATED).entity(entry).build();
    }

    private ClientModel visibleClient(ReviewAccess access) {
        return ClientGovernanceResource.visible(session, realm, access, clientUuid);
    }
}
