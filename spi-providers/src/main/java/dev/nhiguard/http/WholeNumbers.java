package dev.nhiguard.http;

import java.util.OptionalInt;

/**
 * The one reading of a whole number the pack takes as text (a query parameter, a realm setting): plain ASCII digits
 * only, at most nine; no sign, no spaces, no exponent, no other scripts' digits. Pure.
 */
public final class WholeNumbers {

    private static final int MAX_DIGITS = 9;

    private WholeNumbers() {
    }

    public static OptionalInt digits(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(value));
    }

    /** The number when it is written as digits and lies from {@code min} to {@code max}. */
    public static OptionalInt inRange(String value, int min, int max) {
        OptionalInt number = digits(value);
        return number.isPresent() && number.getAsInt() >= min && number.getAsInt() <= max ? number : OptionalInt.empty();
    }
}
