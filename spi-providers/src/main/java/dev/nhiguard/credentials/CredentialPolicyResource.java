package dev.nhiguard.credentials;

import dev.nhiguard.shared.PackClock;

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


/** {@code /admin/realms/{realm}/nhi-guard/credential-policy}: the realm's credential policy. Read with view-realm, change with manage-realm. */
public class CredentialPolicyResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public CredentialPolicyResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CredentialPolicy get() {
        auth.realm().requireViewRealm();
        return CredentialPolicy.of(realm);
    }

    /** Keys left out keep their value; every wrong key is named in one 400, and then nothing is changed. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CredentialPolicy put(byte[] body) {
        auth.realm().requireManageRealm();
        JsonNode parsed = StrictJson.readOrRefuse(body, session.getContext().getRequestHeaders().getMediaType());
        CredentialPolicy current = CredentialPolicy.of(realm);
        CredentialPolicyRequest.Result result = CredentialPolicyRequest.read(parsed, current, PackClock.now());
        if (result.policy().isEmpty()) {
            throw ErrorResponse.error(String.join("; ", result.problems()), Response.Status.BAD_REQUEST);
        }
        if (!current.secretFreeTiers().containsAll(result.policy().get().secretFreeTiers())) {
            // every secret held now is dated before the tier's start, which is taken after the dating
            recordRealmNow();
            result = CredentialPolicyRequest.read(parsed, current, PackClock.now());
        }
        CredentialPolicy policy = result.policy().orElseThrow();
        policy.store(realm);
        adminEvent.resource(ResourceType.REALM).operation(OperationType.UPDATE).resourcePath("nhi-guard/credential-policy")
                .representation(policy).success();
        return policy;
    }

    /** Every secret held now on record; a secret another node recorded meanwhile fails the first pass, which the second skips. */
    private void recordRealmNow() {
        SecretAges ages = CredentialPolicyExecutorFactory.ages(session);
        try {
            ages.recordRealmNow(session.getKeycloakSessionFactory(), realm.getId());
        } catch (RuntimeException recordedElsewhere) {
            ages.recordRealmNow(session.getKeycloakSessionFactory(), realm.getId());
        }
    }
}
