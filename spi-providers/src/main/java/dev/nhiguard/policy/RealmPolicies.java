package dev.nhiguard.policy;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the realm's enabled client policies (and Keycloak's global ones) apply: each executor with the conditions of
 * the policy that applies it. For the places that must know a policy's reach outside a client-policy event: the
 * inventory, and grants Keycloak runs without one.
 */
public record RealmPolicies(List<Applied> applied) {

    private static final Logger LOG = Logger.getLogger(RealmPolicies.class);

    /** One executor as one enabled policy applies it; {@code mode} is the policy's (Keycloak's STRICT takes no abstaining condition). */
    public record Applied(String policy, String mode, List<ClientPolicyConditionRepresentation> conditions, ClientPolicyExecutorRepresentation executor) {
    }

    public List<Applied> of(String executorProviderId) {
        return applied.stream().filter(a -> executorProviderId.equals(a.executor().getExecutorProviderId())).toList();
    }

    public static RealmPolicies read(KeycloakSession session, RealmModel realm) {
        try {
            Map<String, ClientProfileRepresentation> profiles = profiles(session.clientPolicy().getClientProfiles(realm, true));
            ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, true);
            List<ClientPolicyRepresentation> all = new ArrayList<>();
            if (policies.getGlobalPolicies() != null) {
                all.addAll(policies.getGlobalPolicies());
            }
            if (policies.getPolicies() != null) {
                all.addAll(policies.getPolicies());
            }
            List<Applied> applied = new ArrayList<>();
            for (ClientPolicyRepresentation policy : all) {
                if (!Boolean.TRUE.equals(policy.isEnabled()) || policy.getProfiles() == null) {
                    continue;
                }
                List<ClientPolicyConditionRepresentation> conditions = policy.getConditions() == null ? List.of() : policy.getConditions();
                policy.getProfiles().stream().map(profiles::get).filter(Objects::nonNull)
                        .filter(profile -> profile.getExecutors() != null)
                        .flatMap(profile -> profile.getExecutors().stream())
                        .forEach(executor -> applied.add(new Applied(policy.getName(), policy.getMode(), conditions, executor)));
            }
            return new RealmPolicies(applied);
        } catch (ClientPolicyException e) {
            LOG.warnf("realm %s: client policies could not be read (%s)", realm.getName(), e.getErrorDetail());
            return new RealmPolicies(List.of());
        }
    }

    private static Map<String, ClientProfileRepresentation> profiles(ClientProfilesRepresentation profiles) {
        Map<String, ClientProfileRepresentation> byName = new HashMap<>();
        if (profiles.getGlobalProfiles() != null) {
            profiles.getGlobalProfiles().forEach(p -> byName.put(p.getName(), p));
        }
        if (profiles.getProfiles() != null) {
            profiles.getProfiles().forEach(p -> byName.put(p.getName(), p));
        }
        return byName;
    }
}
