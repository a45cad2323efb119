package dev.nhiguard.lifecycle;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The realm's unused window: the unusedDays whole UTC days before today. The one definition the sweep's UNUSED rule,
 * the inventory's STALE and UNUSED_SCOPE findings and their candidate queries share, so a client is never stale to one
 * and in use to another.
 */
public record UnusedWindow(int unusedDays) {

    /** The first instant of the window on {@code today}, in epoch milliseconds: midnight UTC, unusedDays back. */
    public long start(LocalDate today) {
        return today.minusDays(unusedDays).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Whether a moment (a last use, or a creation for a client never used) lies before the window. */
    public boolean before(Long epochMillis, LocalDate today) {
        return epochMillis != null && epochMillis < start(today);
    }
}
