package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenLifespanTest {

    @Test
    void onlyAPositiveNumberIsTheClientsOwn() {
        assertEquals(OptionalInt.of(300), TokenLifespan.ownSeconds(" 300 "));
        assertEquals(OptionalInt.empty(), TokenLifespan.ownSeconds(null));
        assertEquals(OptionalInt.empty(), TokenLifespan.ownSeconds("-1"), "Keycloak's 'use the realm's'");
        assertEquals(OptionalInt.empty(), TokenLifespan.ownSeconds("0"));
        assertEquals(OptionalInt.empty(), TokenLifespan.ownSeconds("5m"));
        assertEquals(OptionalInt.empty(), TokenLifespan.ownSeconds("99999999999"), "too large to be a lifespan");
    }
}
