package dev.nhiguard.review;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.inventory.InventoryEntry;
import dev.nhiguard.inventory.InventoryService;
import dev.nhiguard.inventory.InventorySettings;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code /admin/realms/{realm}/nhi-guard/clients/{id}}: one machine identity as its reviewer sees it (the admin
 * console's Governance tab), and its {@code reviews}. A client the caller may not see answers as one that does not exist.
 */
public class ClientGovernanceResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final InventorySettings settings;
    private final String clientUuid;

    public ClientGovernanceResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, InventorySettings settings,
                                    String clientUuid) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.settings = settings;
        this.clientUuid = clientUuid;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ReviewItem item() {
        ReviewAccess access = new ReviewAccess(session, realm, auth);
        ClientModel client = visible(session, realm, access, clientUuid);
        Instant now = PackClock.now();
        List<InventoryEntry> entries = new InventoryService(session, realm, settings, now).entries(List.of(client.getId()));
        if (entries.isEmpty()) {
            throw new NotFoundException(NhiMessages.format("nhiReviewNotFound"));
        }
        ExpirySettings lifecycle = ExpirySettings.of(realm);
        ReviewState state = ReviewState.of(client.getAttribute(NhiAttributes.REVIEW_BY), LocalDate.ofInstant(now, ZoneOffset.UTC),
                lifecycle.reminderDays());
        return ReviewItem.of(entries.get(0), state, access.reviews(client), access.reassigns(client), ReviewItem.revokeDeletesAfterDays(lifecycle));
    }

    @Path("reviews")
    public ClientReviewsResource reviews() {
        return new ClientReviewsResource(session, realm, auth, clientUuid);
    }

    /** The client, if it is a machine identity of this realm the caller may see; otherwise 404, whichever the reason. */
    static ClientModel visible(KeycloakSession session, RealmModel realm, ReviewAccess access, String clientUuid) {
        if (!access.mayAsk()) {
            throw new ForbiddenException();
        }
        ClientModel client = clientUuid == null ? null : realm.getClientById(clientUuid);
        if (client == null || !access.sees(client)) {
            throw notFound();
        }
        return client;
    }

    /** The one answer for "no such machine identity" and "not yours": the same status and body. */
    static NotFoundException notFound() {
        return new NotFoundException(NhiMessages.format("nhiReviewNotFound"));
    }
}
