package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenLifespanTest {

    /** A realm as Keycloak creates it: 5-minute tokens, 10-hour SSO sessions, no client-session cap. */
    private static final RealmLifespans REALM = new RealmLifespans(300, 36_000, 0);

    private static OptionalInt effective(String attribute) {
        return TokenLifespan.read(attribute).effectiveSeconds(REALM, null);
    }

    @Test
    void readsEveryValueTheWayKeycloaksTokenManagerDoes() {
        assertEquals(OptionalInt.of(300), effective(null), "unset: the realm's");
        assertEquals(OptionalInt.of(300), effective("   "), "blank: the realm's");
        assertEquals(OptionalInt.of(120), effective("120"));
        assertEquals(OptionalInt.of(36_000), effective("+86400"), "Integer.parseInt accepts the sign; the session bounds it");
        assertEquals(OptionalInt.of(36_000), effective("-1"), "-1: as long as the session");
        assertEquals(OptionalInt.of(0), effective("0"), "born expired");
        assertEquals(OptionalInt.empty(), effective("1e9"), "Keycloak fails on it");
        assertEquals(OptionalInt.empty(), effective("86400.0"));
        assertEquals(OptionalInt.empty(), effective(" 300"), "Keycloak does not trim before parsing");
        assertEquals(OptionalInt.empty(), effective("99999999999"));
    }

    @Test
    void theClientsOwnSessionCapBoundsTheToken() {
        assertEquals(OptionalInt.of(600), TokenLifespan.read("3600").effectiveSeconds(REALM, "600"));
        assertEquals(OptionalInt.of(3600), TokenLifespan.read("3600").effectiveSeconds(REALM, "garbage"));
        assertEquals(OptionalInt.of(900), TokenLifespan.read("3600").effectiveSeconds(new RealmLifespans(300, 36_000, 900), null));
    }

    @Test
    void onlyPlainPositiveNumbersAreCanonical() {
        assertTrue(TokenLifespan.isCanonical(null));
        assertTrue(TokenLifespan.isCanonical(""));
        assertTrue(TokenLifespan.isCanonical("300"));
        for (String odd : new String[]{"-1", "+86400", "1e9", "86400.0", " 300", "0", "0300", "1234567890"}) {
            assertFalse(TokenLifespan.isCanonical(odd), odd);
        }
    }
}
