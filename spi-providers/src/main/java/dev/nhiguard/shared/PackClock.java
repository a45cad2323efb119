package dev.nhiguard.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The pack's own time: one clock, UTC, so what the pack decides by time can be tested with a clock a test sets.
 * Keycloak's times (a token's, a not-before) are Keycloak's to read, with Keycloak's {@code Time}.
 */
public final class PackClock {

    private static volatile Clock clock = Clock.systemUTC();

    private PackClock() {
    }

    public static Clock clock() {
        return clock;
    }

    public static long millis() {
        return clock.millis();
    }

    public static Instant now() {
        return clock.instant();
    }

    public static LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** For unit tests only: the clock every reader of the pack's time reads from now on. */
    static void set(Clock testClock) {
        clock = testClock;
    }
}
