package dev.nhiguard.classification;

import java.util.Locale;

/** How much damage a machine identity's token could do; decides which controls apply. */
public enum Tier {
    STANDARD, HIGH, CRITICAL;

    /** Absent or unreadable means standard: a typo must not lift a client into a stricter tier it was not set up for. */
    public static Tier of(String attribute) {
        if (attribute == null) {
            return STANDARD;
        }
        try {
            return valueOf(attribute.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return STANDARD;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeastHigh() {
        return this != STANDARD;
    }
}
