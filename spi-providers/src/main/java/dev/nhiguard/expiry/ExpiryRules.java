package dev.nhiguard.expiry;

import dev.nhiguard.lifecycle.ExpiryMode;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.ownership.OwnershipRules;
import dev.nhiguard.shared.ReviewDate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which expiry rules a client meets on a given day, and what the realm's mode makes of that. The one definition the
 * sweep, its forecast and the inventory's STALE finding share. Pure: the day and the settings come in as arguments.
 */
public final class ExpiryRules {

    private final ExpirySettings settings;

    public ExpiryRules(ExpirySettings settings) {
        this.settings = settings;
    }

    /** The rules the client meets on {@code day} (UTC), in the order they are reported. */
    public List<ExpiryRule> due(Candidate client, LocalDate day) {
        List<ExpiryRule> rules = new ArrayList<>();
        if (isUnused(client, day)) {
            rules.add(ExpiryRule.UNUSED);
        }
        Optional<LocalDate> reviewBy = ReviewDate.parse(client.reviewBy());
        if (reviewBy.isPresent() && reviewBy.get().plusDays(settings.reviewGraceDays()).isBefore(day)) {
            rules.add(ExpiryRule.REVIEW_OVERDUE);
        }
        if (client.ownerGoneSince() != null && !dayOf(client.ownerGoneSince()).plusDays(settings.ownerGraceDays()).isAfter(day)) {
            rules.add(ExpiryRule.OWNER_GONE);
        }
        return rules;
    }

    /** Unused longer than unusedDays on {@code day}; a client never used counts from its creation. */
    public boolean isUnused(Candidate client, LocalDate day) {
        Long reference = client.lastUsed() != null ? client.lastUsed() : client.created();
        return settings.unusedWindow().before(reference, day);
    }

    /**
     * An exemption holds on {@code day} when it names a reason and a date not yet passed, at most a year after
     * {@code day}: one written past the limit where no policy checked it protects nothing.
     */
    public static boolean isExempt(Candidate client, LocalDate day) {
        Optional<LocalDate> until = ReviewDate.parse(client.exemptUntil());
        return until.isPresent() && !until.get().isBefore(day)
                && OwnershipRules.checkExemption(client.exemptUntil(), client.exemptReason(), day).isEmpty();
    }

    /** What the sweep does on {@code day}: nothing (empty), or one action with the rules that call for it. */
    public Optional<Decision> decide(Candidate client, LocalDate day) {
        ExpiryMode mode = settings.expiryMode();
        if (mode == ExpiryMode.DISABLE_THEN_DELETE && !client.enabled() && client.disabledByExpiryAt() != null
                && !dayOf(client.disabledByExpiryAt()).plusDays(settings.deleteAfterDays()).isAfter(day)) {
            return Optional.of(new Decision(SweepAction.DELETE, List.of()));
        }
        List<ExpiryRule> rules = due(client, day);
        if (rules.isEmpty() || !client.enabled()) {
            return Optional.empty();
        }
        if (isExempt(client, day)) {
            return Optional.of(new Decision(SweepAction.EXEMPT, rules));
        }
        return Optional.of(new Decision(mode == ExpiryMode.REPORT ? SweepAction.REPORT : SweepAction.DISABLE, rules));
    }

    /** An action and the rules behind it (none for a deletion: the clock of an earlier disabling ran out). */
    public record Decision(SweepAction action, List<ExpiryRule> rules) {
    }

    static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
