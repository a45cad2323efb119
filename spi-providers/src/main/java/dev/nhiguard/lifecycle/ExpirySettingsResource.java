package dev.nhiguard.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.http.StrictJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/nhi-guard/settings}: the realm's expiry settings. Read with view-realm, change with manage-realm. */
public class ExpirySettingsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public ExpirySettingsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ExpirySettings get() {
        auth.realm().requireViewRealm();
        return ExpirySettings.of(realm);
    }

    /** Keys left out keep their value; every wrong key is named in one 400, and then nothing is changed. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ExpirySettings put(byte[] body) {
        auth.realm().requireManageRealm();
        JsonNode parsed = StrictJson.readOrRefuse(body, session.getContext().getRequestHeaders().getMediaType());
        ExpirySettingsRequest.Result result = ExpirySettingsRequest.read(parsed, ExpirySettings.of(realm));
        if (result.settings().isEmpty()) {
            throw ErrorResponse.error(String.join("; ", result.problems()), Response.Status.BAD_REQUEST);
        }
        ExpirySettings settings = result.settings().get();
        settings.store(realm);
        adminEvent.resource(ResourceType.REALM).operation(OperationType.UPDATE).resourcePath("nhi-guard/settings")
                .representation(settings).success();
        return settings;
    }
}
