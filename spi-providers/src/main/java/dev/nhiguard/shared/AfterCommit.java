package dev.nhiguard.shared;

import org.keycloak.models.KeycloakTransaction;

/**
 * Work enlisted on a request's transaction: run when it commits (enlisted with {@code enlistPrepare}, just before
 * the database commit, inside it; with {@code enlistAfterCompletion}, after it), or on commit and rollback alike.
 */
public final class AfterCommit implements KeycloakTransaction {

    private final Runnable task;
    private final boolean alsoOnRollback;

    private AfterCommit(Runnable task, boolean alsoOnRollback) {
        this.task = task;
        this.alsoOnRollback = alsoOnRollback;
    }

    /** Runs once the transaction has committed, never on a rollback. */
    public static AfterCommit onCommit(Runnable task) {
        return new AfterCommit(task, false);
    }

    /**
     * Makes the providers work at commit may need before the commit begins: Keycloak's cached providers enlist with
     * the transaction when first made, which it refuses once its commit has begun ("Transaction already completed"),
     * and a request that never read a user before (a dynamic registration) would otherwise fail there with a 500.
     */
    public static void providersForCommit(org.keycloak.models.KeycloakSession session) {
        session.realms();
        session.clients();
        session.users();
        session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class);
    }

    /** Runs once the transaction has ended, however it ended. */
    public static AfterCommit always(Runnable task) {
        return new AfterCommit(task, true);
    }

    @Override
    public void begin() {
    }

    @Override
    public void commit() {
        task.run();
    }

    @Override
    public void rollback() {
        if (alsoOnRollback) {
            task.run();
        }
    }

    @Override
    public void setRollbackOnly() {
    }

    @Override
    public boolean getRollbackOnly() {
        return false;
    }

    @Override
    public boolean isActive() {
        return true;
    }
}
