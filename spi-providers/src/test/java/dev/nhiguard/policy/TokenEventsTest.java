package dev.nhiguard.policy;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the pack reads a token event: granted or not, and the scope parameter as a bounded set. */
class TokenEventsTest {

    private static Event event(EventType type, String error) {
        Event event = new Event();
        event.setType(type);
        event.setError(error);
        return event;
    }

    @Test
    void anEventIsAGrantOnlyWithoutAnErrorAndOfNoErrorType() {
        assertTrue(TokenEvents.granted(event(EventType.CLIENT_LOGIN, null)));
        assertFalse(TokenEvents.granted(event(EventType.CLIENT_LOGIN, "invalid_scope")));
        assertFalse(TokenEvents.granted(event(EventType.CLIENT_LOGIN_ERROR, null)));
    }

    @Test
    void aScopeParameterIsSplitAtRunsOfSpacesAndReadOnce() {
        assertEquals(List.of("a", "b:read", "c"), TokenEvents.names("a  b:read c"));
        assertEquals(Set.of("a", "b"), TokenEvents.scopes(" a b a "));
        assertSame(TokenEvents.scopes("x y"), TokenEvents.scopes("x y"), "a scope parameter seen before is not split again");
    }

    @Test
    void aScopeParameterIsBounded() {
        assertEquals(Set.of(), TokenEvents.scopes(null));
        assertEquals(Set.of(), TokenEvents.scopes("   "));
        assertEquals(Set.of(), TokenEvents.scopes("a".repeat(4097)), "longer than 4 KB: nothing");
        String many = IntStream.range(0, 80).mapToObj(i -> "s" + i).collect(Collectors.joining(" "));
        assertEquals(50, TokenEvents.scopes(many).size(), "at most 50 names");
    }
}
