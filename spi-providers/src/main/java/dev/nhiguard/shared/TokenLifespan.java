package dev.nhiguard.shared;

import java.util.OptionalInt;

/**
 * Keycloak's {@code access.token.lifespan} client setting, read exactly the way Keycloak's token manager reads it:
 * absent or blank means the realm's lifespan; otherwise {@link Integer#parseInt} on the raw value, so {@code +86400}
 * is 86400, {@code -1} means "as long as the session", and {@code 1e9}, {@code 86400.0} or {@code " 300"} cannot be read
 * at all (the token endpoint then fails). The pack judges every value with this one reading.
 */
public record TokenLifespan(Kind kind, int seconds) {

    public enum Kind {
        /** Not set: the realm's access-token lifespan applies. */
        REALM,
        /** A number of seconds (Keycloak accepts 0 and negative numbers too: such tokens are born expired). */
        SECONDS,
        /** -1: the token lives as long as the session that issued it. */
        SESSION,
        /** Keycloak cannot parse the value; its token endpoint answers 500 for this client. */
        UNREADABLE
    }

    /** Keycloak's value for "as long as the session". */
    static final int SESSION_LONG = -1;

    public static TokenLifespan read(String attribute) {
        if (attribute == null || attribute.trim().isEmpty()) {
            return new TokenLifespan(Kind.REALM, 0);
        }
        try {
            int seconds = Integer.parseInt(attribute);
            return seconds == SESSION_LONG ? new TokenLifespan(Kind.SESSION, 0) : new TokenLifespan(Kind.SECONDS, seconds);
        } catch (NumberFormatException e) {
            return new TokenLifespan(Kind.UNREADABLE, 0);
        }
    }

    /** The only form the pack stores or accepts: nothing, or a positive whole number of seconds written plainly. */
    public static boolean isCanonical(String attribute) {
        return attribute == null || attribute.isEmpty() || attribute.matches("[1-9][0-9]{0,8}");
    }

    /**
     * How long Keycloak lets an access token of this client live, in seconds, before any policy caps it; empty when
     * Keycloak cannot read the setting. A token never outlives its session, so the session maximum bounds it.
     */
    public OptionalInt effectiveSeconds(RealmLifespans realm, String clientSessionMaxAttribute) {
        int base = switch (kind) {
            case REALM -> realm.accessTokenLifespan() == SESSION_LONG ? Integer.MAX_VALUE : realm.accessTokenLifespan();
            case SECONDS -> seconds;
            case SESSION -> Integer.MAX_VALUE;
            case UNREADABLE -> -1;
        };
        if (kind == Kind.UNREADABLE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.min(base, realm.sessionCap(clientSessionMaxAttribute)));
    }
}
