package dev.nhiguard.rollout;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.shared.SafeText;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
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
 * then the readiness view (for who may view clients). {@code dryRun=true} says what it would add ({@code view-realm}),
 * with Keycloak's validation of the result run and rolled back; {@code dryRun=false} adds it ({@code manage-realm}, as
 * Keycloak's own client-policies endpoints ask), with an admin event. A detached realm is attached, not onboarded.
 */
public class OnboardResource {

    /** The realm attribute in which scripts/nhi-guard-realms.sh records what it took off (a detached realm). */
    static final String DETACHED = "nhi.detached";

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
        if (realm.getAttribute(DETACHED) != null) {
            // its profiles hold the pack's names without the pack's executors: merging would read as a conflict, or worse
            throw ErrorResponse.error(NhiMessages.format("nhiOnboardDetached"), Response.Status.BAD_REQUEST);
        }
        Onboarding.Plan plan;
        try {
            plan = Onboarding.plan(JsonSerialization.mapper.valueToTree(listOrEmpty(session.clientPolicy().getClientProfiles(realm, false).getProfiles())),
                    JsonSerialization.mapper.valueToTree(listOrEmpty(session.clientPolicy().getClientPolicies(realm, false).getPolicies())));
        } catch (ClientPolicyException e) {
            throw refused(e);
        }
        if (!plan.conflicts().isEmpty()) {
            throw ErrorResponse.error(NhiMessages.format("nhiOnboardConflict", SafeText.echo(String.join(", ", plan.conflicts()), 300)),
                    Response.Status.BAD_REQUEST);
        }
        if (plan.changes()) {
            if (dryRun) {
                writeApartAndRollBack(plan);
            } else {
                write(session, realm, plan);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("added", Map.of("profiles", plan.addedProfiles(), "policies", plan.addedPolicies()));
        answer.put("unchanged", Map.of("profiles", plan.unchangedProfiles(), "policies", plan.unchangedPolicies()));
        if (!dryRun && plan.changes()) {
            adminEvent.resource(ResourceType.REALM).operation(OperationType.UPDATE).resourcePath("nhi-guard/onboard").representation(answer).success();
        }
        // readiness names clients and what they break: only for who may see the clients, as its own endpoint asks
        if (auth.clients().canView()) {
            answer.put("readiness", new Readiness(session, realm).report(ReadinessResource.DEFAULT_DAYS));
        }
        return answer;
    }

    /** Keycloak validates every profile and policy of the realm on an update: a dry run gets its verdict, and keeps nothing. */
    private void writeApartAndRollBack(Onboarding.Plan plan) {
        String realmId = realm.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), apart -> {
            apart.getTransactionManager().setRollbackOnly();
            RealmModel same = apart.realms().getRealm(realmId);
            apart.getContext().setRealm(same);
            write(apart, same, plan);
        });
    }

    private static void write(KeycloakSession session, RealmModel realm, Onboarding.Plan plan) {
        ClientProfilesRepresentation newProfiles = new ClientProfilesRepresentation();
        newProfiles.setProfiles(JsonSerialization.mapper.convertValue(plan.profiles(),
                JsonSerialization.mapper.getTypeFactory().constructCollectionType(List.class, ClientProfileRepresentation.class)));
        ClientPoliciesRepresentation newPolicies = new ClientPoliciesRepresentation();
        newPolicies.setPolicies(JsonSerialization.mapper.convertValue(plan.policies(),
                JsonSerialization.mapper.getTypeFactory().constructCollectionType(List.class, ClientPolicyRepresentation.class)));
        try {
            session.clientPolicy().updateClientProfiles(realm, newProfiles);
            session.clientPolicy().updateClientPolicies(realm, newPolicies);
        } catch (ClientPolicyException e) {
            throw refused(e);
        }
    }

    private static RuntimeException refused(ClientPolicyException e) {
        String detail = e.getErrorDetail() == null || e.getErrorDetail().equals("NA") ? e.getError() : e.getErrorDetail();
        return ErrorResponse.error(NhiMessages.format("nhiOnboardRefused", SafeText.echo(String.valueOf(detail), 200)),
                Response.Status.BAD_REQUEST);
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
