package dev.nhiguard.expiry;

import dev.nhiguard.lifecycle.ExpirySettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expiry rules on given days: the boundaries of every grace period, exemptions, modes and the deletion delay. */
class ExpiryRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final ExpiryRules REPORT = new ExpiryRules(ExpirySettings.defaults());
    private static final ExpiryRules DISABLE = new ExpiryRules(new ExpirySettings("disable", 90, 14, 14, 30, 24, 90, 14, 168, 30, 24, 64, 10, 100, 20));
    private static final ExpiryRules DELETE = new ExpiryRules(new ExpirySettings("disable-then-delete", 90, 14, 14, 30, 24, 90, 14, 168, 30, 24, 64, 10, 100, 20));

    private static long at(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 3_600_000L;
    }

    private static Candidate client(Long lastUsed, String reviewBy, Long ownerGoneSince) {
        return new Candidate("id", "bot", true, at(DAY.minusDays(400)), lastUsed, reviewBy, ownerGoneSince, null, null, null);
    }

    @Test
    void unusedCountsFromTheLastUseOrElseFromCreation() {
        Candidate usedLately = client(at(DAY.minusDays(90)), null, null);
        assertFalse(REPORT.isUnused(usedLately, DAY), "90 days is the limit, not past it");
        assertTrue(REPORT.isUnused(usedLately, DAY.plusDays(1)));
        Candidate neverUsed = new Candidate("id", "bot", true, at(DAY.minusDays(10)), null, null, null, null, null, null);
        assertFalse(REPORT.isUnused(neverUsed, DAY));
        assertTrue(REPORT.isUnused(neverUsed, DAY.plusDays(81)));
    }

    @Test
    void reviewAndOwnerRulesWaitForTheirGracePeriods() {
        Candidate overdue = client(at(DAY), "2026-11-14", null);
        assertEquals(List.of(), REPORT.due(overdue, DAY), "14 days of grace after the review date run out today");
        assertEquals(List.of(ExpiryRule.REVIEW_OVERDUE), REPORT.due(overdue, DAY.plusDays(1)));
        Candidate ownerLeft = client(at(DAY), null, at(DAY.minusDays(13)));
        assertEquals(List.of(), REPORT.due(ownerLeft, DAY));
        assertEquals(List.of(ExpiryRule.OWNER_GONE), REPORT.due(ownerLeft, DAY.plusDays(1)));
        assertEquals(List.of(), REPORT.due(client(at(DAY), "not-a-date", null), DAY),
                "an unreadable review date is no review date for the sweep (the inventory reports NO_REVIEW_DATE)");
    }

    @Test
    void theModeDecidesTheActionAndExemptionsHoldUntilTheirDay() {
        Candidate due = client(at(DAY), "2026-01-01", null);
        assertEquals(SweepAction.REPORT, REPORT.decide(due, DAY).orElseThrow().action());
        assertEquals(SweepAction.DISABLE, DISABLE.decide(due, DAY).orElseThrow().action());
        Candidate exempt = new Candidate("id", "bot", true, at(DAY.minusDays(400)), at(DAY), "2026-01-01", null, "2026-12-31", "audit hold", null);
        assertEquals(SweepAction.EXEMPT, DISABLE.decide(exempt, DAY).orElseThrow().action());
        assertEquals(SweepAction.EXEMPT, DISABLE.decide(exempt, LocalDate.of(2026, 12, 31)).orElseThrow().action(), "the last exempt day");
        assertEquals(SweepAction.DISABLE, DISABLE.decide(exempt, LocalDate.of(2027, 1, 1)).orElseThrow().action());
        Candidate noReason = new Candidate("id", "bot", true, at(DAY.minusDays(400)), at(DAY), "2026-01-01", null, "2026-12-31", " ", null);
        assertEquals(SweepAction.DISABLE, DISABLE.decide(noReason, DAY).orElseThrow().action());
        Candidate tooFar = new Candidate("id", "bot", true, at(DAY.minusDays(400)), at(DAY), "2026-01-01", null, "2027-12-31", "forever", null);
        assertEquals(SweepAction.DISABLE, DISABLE.decide(tooFar, DAY).orElseThrow().action(), "more than a year ahead protects nothing");
    }

    @Test
    void aDisabledClientIsDeletedOnlyAfterTheDelayAndOnlyInDeleteMode() {
        Candidate disabled = new Candidate("id", "bot", false, at(DAY.minusDays(400)), at(DAY), "2026-01-01", null, null, null,
                at(DAY.minusDays(29)));
        assertEquals(Optional.empty(), DELETE.decide(disabled, DAY));
        assertEquals(SweepAction.DELETE, DELETE.decide(disabled, DAY.plusDays(1)).orElseThrow().action());
        assertEquals(Optional.empty(), DISABLE.decide(disabled, DAY.plusDays(1)), "disable mode never deletes");
        Candidate disabledByAnAdmin = new Candidate("id", "bot", false, at(DAY.minusDays(400)), at(DAY), "2026-01-01", null, null, null, null);
        assertEquals(Optional.empty(), DELETE.decide(disabledByAnAdmin, DAY.plusDays(100)), "only what the sweep disabled is deleted");
    }
}
