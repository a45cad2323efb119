package dev.nhiguard.rollout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.QueryParameters;
import dev.nhiguard.shared.SafeText;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/realms/{realm}/nhi-guard/onboard?dryRun=true|false}: the pack's recommended profiles and policies
 * added to the realm with every pack executor in report-only, merged with what the realm has ({@link Onboarding}),
 * then the readiness view. {@code dryRun=true} says what it would add ({@code view-realm}); {@code dryRun=false} adds it
 * ({@code manage-realm}, as Keycloak's own client-policies endpoints ask), with an admin event.
 */
public class OnboardResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public OnboardResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> onboard() {
        auth.realm().requireViewRealm();
        boolean dryRun = QueryParameters.dryRun(session, "nhiOnboardDryRunRequired");
        if (!dryRun) {
            auth.realm().requireManageRealm();
        }
        Onboarding.Plan plan;
        try {
            ArrayNode profiles = JsonSerialization.mapper.valueToTree(listOrEmpty(session.clientPolicy().getClientProfiles(realm, false).getProfiles()));
            ArrayNode policies = JsonSerialization.mapper.valueToTree(listOrEmpty(session.clientPolicy().getClientPolicies(realm, false).getPolicies()));
            plan = Onboarding.plan(profiles, policies);
            if (!plan.conflicts().isEmpty()) {
                throw ErrorResponse.error(NhiMessages.format("nhiOnboardConflict", SafeText.echo(String.join(", ", plan.conflicts()), 300)),
                        Response.Status.BAD_REQUEST);
            }
            if (!dryRun && plan.changes()) {
                ClientProfilesRepresentation newProfiles = new ClientProfilesRepresentation();
                newProfiles.setProfiles(JsonSerialization.mapper.convertValue(plan.profiles(),
                        JsonSerialization.mapper.getTypeFactory().constructCollectionType(List.class,
                                org.keycloak.representations.idm.ClientProfileRepresentation.class)));
                ClientPoliciesRepresentation newPolicies = new ClientPoliciesRepresentation();
                newPolicies.setPolicies(JsonSerialization.mapper.convertValue(plan.policies(),
                        JsonSerialization.mapper.getTypeFactory().constructCollectionType(List.class,
                                org.keycloak.representations.idm.ClientPolicyRepresentation.class)));
                session.clientPolicy().updateClientProfiles(realm, newProfiles);
                session.clientPolicy().updateClientPolicies(realm, newPolicies);
            }
        } catch (ClientPolicyException e) {
            throw ErrorResponse.error(NhiMessages.format("nhiOnboardRefused", SafeText.echo(String.valueOf(e.getErrorDetail()), 200)),
                    Response.Status.BAD_REQUEST);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("added", Map.of("profiles", plan.addedProfiles(), "policies", plan.addedPolicies()));
        answer.put("unchanged", Map.of("profiles", plan.unchangedProfiles(), "policies", plan.unchangedPolicies()));
        if (!dryRun && plan.changes()) {
            adminEvent.resource(ResourceType.REALM).operation(OperationType.UPDATE).resourcePath("nhi-guard/onboard").representation(answer).success();
        }
        answer.put("readiness", new Readiness(session, realm).report(ReadinessResource.DEFAULT_DAYS));
        return answer;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
