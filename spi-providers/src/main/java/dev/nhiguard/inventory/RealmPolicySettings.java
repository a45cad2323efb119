package dev.nhiguard.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.mtls.MtlsBindingConfig;
import dev.nhiguard.mtls.MtlsBindingExecutorFactory;
import dev.nhiguard.ownership.OwnerRequiredConfig;
import dev.nhiguard.ownership.OwnerRequiredExecutorFactory;
import dev.nhiguard.scope.ScopeNarrowingConfig;
import dev.nhiguard.scope.ScopeNarrowingExecutorFactory;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The options of the pack's executors as the realm's enabled client policies configure them: the inventory judges
 * with exactly these, through the executors' own rules, so a finding means what the policy would do. Where a realm
 * configures one executor in several profiles, the strictest value of each option counts; where it configures none,
 * the executor's defaults.
 */
public record RealmPolicySettings(OwnerRequiredConfig ownership, ScopeNarrowingConfig scope, MtlsBindingConfig binding) {

    private static final Logger LOG = Logger.getLogger(RealmPolicySettings.class);

    public static RealmPolicySettings read(KeycloakSession session, RealmModel realm) {
        List<ClientPolicyExecutorRepresentation> executors = enabledExecutors(session, realm);
        return new RealmPolicySettings(
                strictest(executors, OwnerRequiredExecutorFactory.PROVIDER_ID, OwnerRequiredConfig::fromJson, OwnerRequiredConfig::strictest)
                        .orElse(OwnerRequiredConfig.defaults()),
                strictest(executors, ScopeNarrowingExecutorFactory.PROVIDER_ID, ScopeNarrowingConfig::fromJson, ScopeNarrowingConfig::strictest)
                        .orElse(ScopeNarrowingConfig.defaults()),
                strictest(executors, MtlsBindingExecutorFactory.PROVIDER_ID, MtlsBindingConfig::fromJson, MtlsBindingConfig::strictest)
                        .orElse(MtlsBindingConfig.defaults()));
    }

    private static <T> Optional<T> strictest(List<ClientPolicyExecutorRepresentation> executors, String providerId,
                                             Function<JsonNode, T> read, BinaryOperator<T> merge) {
        return executors.stream().filter(e -> providerId.equals(e.getExecutorProviderId()))
                .map(e -> read.apply(e.getConfiguration())).reduce(merge);
    }

    /** The executors of every profile that an enabled policy of the realm (or a global one) applies. */
    private static List<ClientPolicyExecutorRepresentation> enabledExecutors(KeycloakSession session, RealmModel realm) {
        try {
            ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, true);
            ClientProfilesRepresentation profiles = session.clientPolicy().getClientProfiles(realm, true);
            Set<String> applied = new HashSet<>();
            List<ClientPolicyRepresentation> all = new ArrayList<>();
            if (policies.getPolicies() != null) {
                all.addAll(policies.getPolicies());
            }
            if (policies.getGlobalPolicies() != null) {
                all.addAll(policies.getGlobalPolicies());
            }
            all.stream().filter(p -> Boolean.TRUE.equals(p.isEnabled()) && p.getProfiles() != null)
                    .forEach(p -> applied.addAll(p.getProfiles()));
            List<ClientProfileRepresentation> allProfiles = new ArrayList<>();
            if (profiles.getProfiles() != null) {
                allProfiles.addAll(profiles.getProfiles());
            }
            if (profiles.getGlobalProfiles() != null) {
                allProfiles.addAll(profiles.getGlobalProfiles());
            }
            return allProfiles.stream().filter(p -> applied.contains(p.getName()) && p.getExecutors() != null)
                    .flatMap(p -> p.getExecutors().stream()).toList();
        } catch (ClientPolicyException e) {
            LOG.warnf("realm %s: client policies could not be read (%s); the inventory judges by the executors' defaults",
                    realm.getName(), e.getErrorDetail());
            return List.of();
        }
    }
}
