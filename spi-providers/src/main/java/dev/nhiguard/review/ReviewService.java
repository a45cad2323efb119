package dev.nhiguard.review;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.expiry.Retirement;
import dev.nhiguard.inventory.RealmPolicySettings;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.AfterCommit;
import dev.nhiguard.shared.GovernanceEvents;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerBinding;
import dev.nhiguard.ownership.OwnerLookup;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.store.AnomalyRecords;
import dev.nhiguard.store.ReviewRecords;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a review in the request's transaction: the change to the client, its review record and a Keycloak
 * admin event together, or (on any refusal) none of them.
 */
final class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ReviewAccess access;
    private final Actor actor;

    ReviewService(KeycloakSession session, RealmModel realm, ReviewAccess access, Actor actor) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.actor = actor;
    }

    /** Decides on the client as the database holds it now (owner and review date read under the client's row lock). */
    ReviewRecords.Entry decide(ClientModel client, Owner owner, String reviewByBefore, ReviewRequest request) {
        String ownerBefore = owner.name();
        String reviewByAfter = reviewByBefore;
        String ownerAfter = ownerBefore;
        LocalDate today = PackClock.today();
        switch (request.decision()) {
            case ATTEST -> {
                reviewByAfter = today.plusDays(interval()).toString();
                client.setAttribute(NhiAttributes.REVIEW_BY, reviewByAfter);
            }
            case REVOKE -> new Retirement(session, realm, actor).disable(client.getId(), "OWNER_REVIEW", "revoke");
            case CLEAR_ANOMALY -> {
                dev.nhiguard.anomaly.Anomalies.of(session).writeRaised(session, client.getId());
                List<String> cleared = new AnomalyRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                        .clear(client.getId(), actor.label(), PackClock.millis());
                if (cleared.isEmpty()) {
                    throw ErrorResponse.error(NhiMessages.format("nhiReviewNoAnomaly"), Response.Status.CONFLICT);
                }
                // this node lets tokens through once the review commits; other nodes at their next flush
                session.getTransactionManager().enlistAfterCompletion(AfterCommit.onCommit(() -> dev.nhiguard.anomaly.Anomalies.of(session).cleared(client.getId())));
            }
            case REASSIGN -> {
                UserModel newOwner = activeUser(request.newOwner());
                // the same person, by the user the owner is bound to: a user who took a departed owner's name is somebody else
                UserModel current = OwnerLookup.resolve(session, realm, owner).user();
                if (current != null && current.getId().equals(newOwner.getId())) {
                    throw ErrorResponse.error(NhiMessages.format("nhiReviewSameOwner", SafeText.echo(request.newOwner(), 80)),
                            Response.Status.BAD_REQUEST);
                }
                ownerAfter = newOwner.getUsername();
                client.setAttribute(NhiAttributes.OWNER, ownerAfter);
                new OwnerBinding(session, realm).bindByName(client, OwnerBinding.BY_REVIEW);
                if (!access.reviewsAll()) {
                    // an owner hands over: the new owner answers for it from today and must attest it
                    reviewByAfter = today.toString();
                    client.setAttribute(NhiAttributes.REVIEW_BY, reviewByAfter);
                }
            }
        }
        ReviewRecords.Entry entry = new ReviewRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                .write(realm.getId(), client.getId(), client.getClientId(), actor.label(), request.decision().label(), request.comment(),
                        PackClock.millis(), new ReviewRecords.Change(reviewByBefore, reviewByAfter, ownerBefore, ownerAfter));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("nhi.review.decision", request.decision().label());
        details.put("nhi.review.reviewBy", String.valueOf(reviewByAfter));
        details.put("nhi.review.owner", String.valueOf(ownerAfter));
        GovernanceEvents.client(session, realm, actor, OperationType.UPDATE, client.getId(), null, details);
        LOG.infof("realm %s: %s reviewed %s: %s", realm.getName(), actor.label(), client.getClientId(), request.decision().label());
        return entry;
    }

    /** The realm's review interval, no longer than the horizon its ownership policy allows. */
    private int interval() {
        int interval = ExpirySettings.of(realm).reviewIntervalDays();
        int horizon = RealmPolicySettings.read(session, realm).ownership().maxReviewDays();
        return Math.min(interval, horizon);
    }

    private UserModel activeUser(String username) {
        UserModel user = OwnerLookup.activeUser(session, realm, username);
        if (user == null) {
            throw ErrorResponse.error(NhiMessages.format("nhiReviewNewOwnerNotActive", SafeText.echo(username, 80)),
                    Response.Status.BAD_REQUEST);
        }
        return user;
    }
}
