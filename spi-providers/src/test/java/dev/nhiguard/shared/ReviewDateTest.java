package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReviewDateTest {

    /** The definition the hand-written parser must match: ISO dates, strictly resolved. */
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private static Optional<LocalDate> byFormatter(String value) {
        if (value == null || value.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value, STRICT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void readsStrictIsoDatesAndRefusesTheRest() {
        assertEquals(Optional.of(LocalDate.of(2028, 2, 29)), ReviewDate.parse("2028-02-29"));
        for (String bad : new String[] {"2027-02-29", "2026-02-30", "2026-13-45", "2026-00-10", "2026-01-00", "2026-1-010",
                "2026/01/10", "+026-01-10", "2026-0a-10", "２０２６-01-10", " 2026-01-1", "2026-01-10 ", "", "20260110"}) {
            assertEquals(Optional.empty(), ReviewDate.parse(bad), bad);
        }
        assertEquals(Optional.empty(), ReviewDate.parse(null));
    }

    @Test
    void answersAsTheStrictFormatterDoesOnEveryShapeOfInput() {
        List<String> inputs = new ArrayList<>();
        for (int month = 0; month <= 13; month++) {
            for (int day = 0; day <= 32; day++) {
                for (int year : new int[] {0, 1, 1900, 2000, 2024, 2025, 2100, 9999}) {
                    inputs.add(String.format("%04d-%02d-%02d", year, month, day));
                }
            }
        }
        Random random = new Random(20261128);
        String alphabet = "0123456789-+/ aZ٣";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                s.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : "2026-07-15".charAt(c));
            }
            inputs.add(s.toString());
        }
        for (String input : inputs) {
            assertEquals(byFormatter(input), ReviewDate.parse(input), input);
        }
    }
}
