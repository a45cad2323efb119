package dev.nhiguard.shared;

import java.util.OptionalInt;

/** Keycloak's {@code access.token.lifespan} client setting: a positive number of seconds, anything else means "the realm's". */
public final class TokenLifespan {

    private TokenLifespan() {
    }

    public static OptionalInt ownSeconds(String attribute) {
        if (attribute == null || !attribute.trim().matches("\\d{1,9}")) {
            return OptionalInt.empty();
        }
        int seconds = Integer.parseInt(attribute.trim());
        return seconds > 0 ? OptionalInt.of(seconds) : OptionalInt.empty();
    }
}
