package dev.nhiguard.classification;

import java.util.Locale;
import java.util.Optional;

/** How much damage a machine identity's token could do; decides which controls apply. */
public enum Tier {
    STANDARD, HIGH, CRITICAL;

    /** Absent or unreadable means standard: a typo must not lift a client into a stricter tier it was not set up for. */
    public static Tier of(String attribute) {
        return parse(attribute).orElse(STANDARD);
    }

    /** The tier named exactly (ignoring case and surrounding spaces), if there is one. */
    public static Optional<Tier> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeastHigh() {
        return this != STANDARD;
    }
}
