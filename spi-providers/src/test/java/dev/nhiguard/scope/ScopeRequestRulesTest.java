package dev.nhiguard.scope;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeRequestRulesTest {

    private static final List<String> CLIENT_SCOPES = List.of("basic", "payments", "payments:read", "payments:write", "ledger", "ledger.read", "reports", "admin");

    private static ScopeNarrowingConfig config(boolean required, int maxScopes, List<String> forbidden) {
        return new ScopeNarrowingConfig(required, List.of("basic"), ":.", forbidden, maxScopes, 300, true, false);
    }

    private static Optional<String> check(String scope) {
        return new ScopeRequestRules(config(true, 3, List.of("admin"))).check(scope, CLIENT_SCOPES);
    }

    @Test
    void narrowScopesPass() {
        assertEquals(Optional.empty(), check("payments:read"));
        assertEquals(Optional.empty(), check("payments:read ledger.read reports"));
        assertEquals(Optional.empty(), check("payments:read ledger.read reports"));
    }

    @Test
    void openidIsRefusedForMachineIdentitiesGetNoIdToken() {
        assertTrue(check("openid payments:read").orElseThrow().startsWith("scope: openid asks for an ID token"));
        assertTrue(check("openid").isPresent());
    }

    @Test
    void omittedScopeIsRefusedOnlyWhenRequired() {
        assertEquals("scope: this client must name the scopes it needs in the scope parameter", check(null).orElseThrow());
        assertTrue(check("   ").isPresent());
        assertEquals(Optional.empty(), new ScopeRequestRules(config(false, 3, List.of())).check(null, CLIENT_SCOPES));
    }

    @Test
    void broadScopesNameTheNarrowerChoices() {
        assertEquals("scope: 'payments' is too broad; request one of the narrower scopes payments:read, payments:write",
                check("payments").orElseThrow());
        assertEquals("scope: 'ledger' is too broad; request one of the narrower scopes ledger.read", check("ledger").orElseThrow());
        assertEquals("scope: 'admin' is too broad and never granted to machine clients", check("admin").orElseThrow());
    }

    @Test
    void countDuplicatesLengthAndCharacters() {
        assertEquals("scope: at most 3 scopes in one token, got 4", check("payments:read payments:write ledger.read reports").orElseThrow());
        assertEquals("scope: 'reports' is requested more than once", check("reports reports").orElseThrow());
        assertTrue(check("x".repeat(4097)).orElseThrow().startsWith("scope: at most 4096 characters"));
        assertTrue(check("pay\"ments").orElseThrow().contains("characters a scope cannot contain"));
        assertTrue(check("pay\\ments").orElseThrow().contains("characters a scope cannot contain"));
        assertTrue(check("pay\u00e9").orElseThrow().contains("'pay\\u00e9'"), "non-ASCII is echoed as an escape");
        assertTrue(check("a\tb").orElseThrow().contains("characters a scope cannot contain"));
    }
}
