package dev.nhiguard.shared;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** Parses {@code nhi.review-by}: strictly {@code yyyy-MM-dd}, so 2026-02-30 and 2026-13-45 are errors, not rolled over. */
public final class ReviewDate {

    private static final DateTimeFormatter ISO_STRICT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private ReviewDate() {
    }

    public static Optional<LocalDate> parse(String value) {
        if (value == null || value.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value, ISO_STRICT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
