package dev.nhiguard.anomaly;

import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.RealmPolicies;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashSet;
import java.util.Set;

/**
 * The flag kinds that block a client: those of every enforcing {@code nhi-anomaly-block} of the realm's enabled
 * policies whose conditions select it or may (a condition the pack cannot judge outside a request blocks: a flag that
 * may block revokes its tokens rather than leave them live).
 */
final class AnomalyBlocks {

    private AnomalyBlocks() {
    }

    static Set<String> kinds(KeycloakSession session, RealmModel realm, ClientModel client) {
        Set<String> kinds = new HashSet<>();
        for (RealmPolicies.Applied applied : RealmPolicies.read(session, realm).of(AnomalyBlockExecutorFactory.PROVIDER_ID)) {
            if (EnforcementMode.ofOptions(applied.executor().getConfiguration()) == EnforcementMode.ENFORCE
                    && PolicySelection.selects(applied.conditions(), client.getAttributes()) != PolicySelection.Vote.NO) {
                kinds.addAll(AnomalyBlockExecutorConfiguration.blockingKinds(applied.executor().getConfiguration()));
            }
        }
        return kinds;
    }
}
