package dev.nhiguard.classification;

import java.util.Locale;
import java.util.Optional;

/** How much damage a machine identity's token could do; decides which controls apply. */
public enum Tier {
    STANDARD, HIGH, CRITICAL;

    private static final Tier[] VALUES = values();
    private static final String[] LABELS = java.util.Arrays.stream(VALUES).map(Tier::label).toArray(String[]::new);

    /**
     * Absent means standard; a value that is not a tier means critical. Classification fails closed: a typo such as
     * {@code critcal} must never take a client out of the controls its owner meant it to have.
     */
    public static Tier of(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return STANDARD;
        }
        return parse(attribute).orElse(CRITICAL);
    }

    /** Set, and not a tier. */
    public static boolean isUnknown(String attribute) {
        return attribute != null && !attribute.isBlank() && parse(attribute).isEmpty();
    }

    /** The tier named exactly (ignoring case and surrounding spaces), if there is one. */
    public static Optional<Tier> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i].equals(value)) {
                return Optional.of(VALUES[i]); // as written by the console and the docs, read on every client-policy event
            }
        }
        for (Tier tier : VALUES) {
            if (tier.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeastHigh() {
        return this != STANDARD;
    }
}
