package dev.nhiguard.review;

import dev.nhiguard.shared.ReviewDate;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** Where a machine identity stands with its review on a day: overdue, due within the reminder window, or not yet due. */
enum ReviewState {
    OVERDUE,
    DUE,
    OK;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A missing or unreadable review date counts as overdue: nobody has answered for the identity. */
    static ReviewState of(String reviewBy, LocalDate today, int reminderDays) {
        Optional<LocalDate> date = ReviewDate.parse(reviewBy);
        if (date.isEmpty() || date.get().isBefore(today)) {
            return OVERDUE;
        }
        return date.get().isAfter(today.plusDays(reminderDays)) ? OK : DUE;
    }
}
