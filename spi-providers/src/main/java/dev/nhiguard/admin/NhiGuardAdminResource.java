package dev.nhiguard.admin;

import dev.nhiguard.lifecycle.ExpirySettingsResource;
import dev.nhiguard.expiry.SweepResource;
import dev.nhiguard.inventory.InventoryResource;
import dev.nhiguard.inventory.InventorySettings;
import dev.nhiguard.expiry.AuditResource;
import dev.nhiguard.usage.UsageResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/nhi-guard}: the pack's admin API, one sub-resource per capability. Keycloak has
 * authenticated the caller before any of it runs; each sub-resource checks what the caller may do first.
 */
public class NhiGuardAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final InventorySettings settings;

    NhiGuardAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                          InventorySettings settings) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.settings = settings;
    }

    @Path("inventory")
    public InventoryResource inventory() {
        return new InventoryResource(session, realm, auth, settings);
    }

    @Path("settings")
    public ExpirySettingsResource settings() {
        return new ExpirySettingsResource(session, realm, auth, adminEvent);
    }

    @Path("credential-policy")
    public dev.nhiguard.credentials.CredentialPolicyResource credentialPolicy() {
        return new dev.nhiguard.credentials.CredentialPolicyResource(session, realm, auth, adminEvent);
    }

    @Path("signals")
    public dev.nhiguard.signals.SignalsResource signals() {
        return new dev.nhiguard.signals.SignalsResource(session, realm, auth);
    }

    @Path("sweep")
    public SweepResource sweep() {
        return new SweepResource(session, realm, auth);
    }

    @Path("usage")
    public UsageResource usage() {
        return new UsageResource(session, realm, auth);
    }

    @Path("reviews")
    public dev.nhiguard.review.ReviewsResource reviews() {
        return new dev.nhiguard.review.ReviewsResource(session, realm, auth, settings);
    }

    @Path("clients/{id}")
    public dev.nhiguard.review.ClientGovernanceResource client(@jakarta.ws.rs.PathParam("id") String id) {
        return new dev.nhiguard.review.ClientGovernanceResource(session, realm, auth, settings, id);
    }

    @Path("telemetry")
    public dev.nhiguard.telemetry.TelemetryResource telemetry() {
        return new dev.nhiguard.telemetry.TelemetryResource(session, auth);
    }

    @Path("readiness")
    public dev.nhiguard.rollout.ReadinessResource readiness() {
        return new dev.nhiguard.rollout.ReadinessResource(session, realm, auth);
    }

    @Path("onboard")
    public dev.nhiguard.rollout.OnboardResource onboard() {
        return new dev.nhiguard.rollout.OnboardResource(session, realm, auth, adminEvent);
    }

    @Path("owners/rebind")
    public dev.nhiguard.ownership.OwnerRebindResource ownerRebind() {
        return new dev.nhiguard.ownership.OwnerRebindResource(session, realm, auth);
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(session, realm, auth);
    }
}
