package dev.nhiguard.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Parses {@code nhi.review-by}: strictly {@code yyyy-MM-dd}, so 2026-02-30 and 2026-13-45 are errors, not rolled over.
 * Read on every token request of an owned client, so it reads the ten characters itself instead of going through a
 * {@code DateTimeFormatter} (a unit test holds it to the strict formatter's answers).
 */
public final class ReviewDate {

    private ReviewDate() {
    }

    public static Optional<LocalDate> parse(String value) {
        if (value == null || value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 when another character is among them. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
