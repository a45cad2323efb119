package dev.nhiguard.expiry;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One real sweep of a realm at a time across the cluster, scheduled or asked for: two at once could both retire the
 * same client and audit it twice. Keycloak's cluster provider holds the lock; a node that dies holding it releases
 * it when {@link #TIMEOUT_SECONDS} pass. Dry runs change nothing and need no lock.
 */
final class SweepLock {

    /** Far above what a sweep of 10,000 clients takes, short enough that a crashed node's lock does not hold for long. */
    static final int TIMEOUT_SECONDS = 900;

    private SweepLock() {
    }

    /** Runs the sweep unless one of the realm is running already (then empty). */
    static Optional<SweepResult> run(KeycloakSession session, String realmId, Supplier<SweepResult> sweep) {
        ExecutionResult<SweepResult> result = session.getProvider(ClusterProvider.class)
                .executeIfNotExecuted("nhi-guard-sweep-" + realmId, TIMEOUT_SECONDS, sweep::get);
        return result.isExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
    }
}
