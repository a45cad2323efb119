package dev.nhiguard.scope;

import dev.nhiguard.shared.ClientSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassingRequestsTest {

    private static ClientSnapshot reading() {
        return new ClientSnapshot("bot", false, true, false, false, false, false, "client-secret", Map.of(),
                List.of("basic"), List.of("payments:read"), List.of());
    }

    private static ScopeNarrowingConfig options(List<String> allowed, List<String> forbidden, int maxScopes) {
        // fresh lists each time, as Keycloak builds the options anew for every event
        return new ScopeNarrowingConfig(true, new ArrayList<>(allowed), ":.", new ArrayList<>(forbidden), maxScopes, 300, true, false);
    }

    @Test
    void aRepeatOfTheSameRequestUnderEqualOptionsIsKnownToPass() {
        PassingRequests passing = new PassingRequests();
        ClientSnapshot reading = reading();
        passing.add(options(List.of("basic"), List.of(), 3), reading, "payments:read");
        assertTrue(passing.contains(options(List.of("basic"), List.of(), 3), reading, new String("payments:read")));
    }

    @Test
    void anotherReadingScopeOrRuleIsJudgedAgain() {
        PassingRequests passing = new PassingRequests();
        ClientSnapshot reading = reading();
        passing.add(options(List.of("basic"), List.of(), 3), reading, "payments:read");
        assertFalse(passing.contains(options(List.of("basic"), List.of(), 3), reading(), "payments:read"),
                "an equal reading of another moment is another reading");
        assertFalse(passing.contains(options(List.of("basic"), List.of(), 3), reading, "payments"));
        assertFalse(passing.contains(options(List.of("basic"), List.of(), 3), reading, null));
        assertFalse(passing.contains(options(List.of("basic"), List.of("payments:read"), 3), reading, "payments:read"),
                "a scope forbidden since");
        assertFalse(passing.contains(options(List.of("basic", "roles"), List.of(), 3), reading, "payments:read"));
        assertFalse(passing.contains(options(List.of("basic"), List.of(), 2), reading, "payments:read"));
        ScopeNarrowingConfig o = options(List.of("basic"), List.of(), 3);
        assertFalse(passing.contains(new ScopeNarrowingConfig(false, o.allowedDefaultScopes(), o.separators(), o.forbiddenScopes(),
                3, 300, true, false), reading, "payments:read"));
        assertFalse(passing.contains(new ScopeNarrowingConfig(true, o.allowedDefaultScopes(), ":", o.forbiddenScopes(),
                3, 300, true, false), reading, "payments:read"));
        assertFalse(passing.contains(new ScopeNarrowingConfig(true, o.allowedDefaultScopes(), ":.", o.forbiddenScopes(),
                3, 300, false, false), reading, "payments:read"));
    }

    @Test
    void anOverlongParameterIsNeverKept() {
        PassingRequests passing = new PassingRequests();
        ClientSnapshot reading = reading();
        String overlong = "a".repeat(ScopeNarrowingConfig.MAX_SCOPE_PARAMETER_LENGTH + 1);
        passing.add(options(List.of("basic"), List.of(), 3), reading, overlong);
        assertFalse(passing.contains(options(List.of("basic"), List.of(), 3), reading, overlong));
        passing.add(options(List.of("basic"), List.of(), 3), reading, "payments:read");
        assertTrue(passing.contains(options(List.of("basic"), List.of(), 3), reading, "payments:read"));
    }
}
