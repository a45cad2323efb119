package dev.nhiguard.anomaly;

import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.RealmPolicies;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashSet;
import dev.nhiguard.shared.NhiMessages;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flag kinds that block a client: those of every enforcing {@code nhi-anomaly-block} of the realm's enabled
 * policies whose conditions select it or may (a condition the pack cannot judge outside a request blocks: a flag that
 * may block revokes its tokens rather than leave them live).
 */
public final class AnomalyBlocks {

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

    /** The client's open flags that block it under these kinds, in order. */
    public static Set<String> blocking(Anomalies anomalies, String clientUuid, Set<String> kinds) {
        Set<String> blocking = new TreeSet<>(anomalies.openKinds(clientUuid));
        blocking.retainAll(kinds);
        return blocking;
    }

    /** What the token endpoint answers: the kinds only; what set a flag off (a network, a certificate) is for the owner's review. */
    public static String refusal(java.util.Collection<String> blocking) {
        return NhiMessages.format("nhiAnomalyOpen", String.join(", ", blocking));
    }
}
