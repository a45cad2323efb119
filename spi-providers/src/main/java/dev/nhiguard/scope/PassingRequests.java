package dev.nhiguard.scope;

import dev.nhiguard.shared.ClientSnapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.nhiguard.shared.NodeCache;

/**
 * The token requests the token-time rules found nothing against: a policy's options, a client reading and the scope
 * parameter asked with it. The rules are pure (options, reading, parameter), and a machine client asks
 * the same thing again and again, so a repeat is not judged again. A reading is the one Keycloak's client cache holds
 * for at most ten seconds ({@link dev.nhiguard.shared.ClientSnapshots#forRequest}): an edit of the client is a new
 * reading, judged afresh. Refusals are not kept; they are judged every time.
 */
final class PassingRequests {


    private record Request(ScopeNarrowingConfig policy, ClientSnapshot reading, String scope) {
        @Override
        public boolean equals(Object other) {
            // a reading is the same only as itself: two equal readings of different moments are not one
            return other instanceof Request r && r.reading == reading && Objects.equals(r.scope, scope) && sameRules(r.policy, policy);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(reading) * 31 + Objects.hashCode(scope); // the policy's options only in equals: cheaper
        }
    }

    /**
     * The options the token-time rules read, compared by hand: Keycloak builds the options anew for every event, so
     * they are equal, never the same object, and a record's generated equals costs more than judging the request.
     */
    static boolean sameRules(ScopeNarrowingConfig a, ScopeNarrowingConfig b) {
        return a.scopeRequired() == b.scopeRequired() && a.maxScopes() == b.maxScopes() && a.maxTokenLifespan() == b.maxTokenLifespan()
                && a.rfc9068Header() == b.rfc9068Header()
                && a.separators().equals(b.separators()) && same(a.allowedDefaultScopes(), b.allowedDefaultScopes())
                && same(a.forbiddenScopes(), b.forbiddenScopes());
    }

    private static boolean same(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kept as long as a reading lives at most: a request of a reading that has gone never comes back. Stale on a
     * cluster exactly as the reading is (see ClientSnapshots).
     */
    private final NodeCache<Request, Boolean> passing = NodeCache.expiring(
            java.time.Duration.ofMillis(dev.nhiguard.shared.ClientSnapshots.KEPT_MILLIS), NodeCache.PER_CLIENT);

    boolean contains(ScopeNarrowingConfig policy, ClientSnapshot reading, String scope) {
        return passing.get(new Request(policy, reading, scope)) != null;
    }

    void add(ScopeNarrowingConfig policy, ClientSnapshot reading, String scope) {
        if (scope != null && scope.length() > ScopeNarrowingConfig.MAX_SCOPE_PARAMETER_LENGTH) {
            return;
        }
        passing.put(new Request(policy, reading, scope), Boolean.TRUE);
    }
}
