package dev.nhiguard.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * How an executor acts on what it would refuse. {@code report-only} is the first step on a living realm: nothing is
 * refused or changed, every would-be refusal is recorded (identity-context record, readiness counts), so an admin sees
 * the blast radius before switching to {@code enforce}.
 */
public enum EnforcementMode {
    ENFORCE("enforce"),
    REPORT_ONLY("report-only");

    /** The option every pack executor takes. */
    public static final String OPTION = "mode";

    private final String value;

    EnforcementMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<EnforcementMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (EnforcementMode mode : values()) {
            if (mode.value.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The mode of an executor as a client profile stores its options; anything unreadable enforces. */
    public static EnforcementMode ofOptions(com.fasterxml.jackson.databind.JsonNode options) {
        com.fasterxml.jackson.databind.JsonNode mode = options == null ? null : options.get(OPTION);
        return mode != null && mode.isTextual() ? parse(mode.asText()).orElse(ENFORCE) : ENFORCE;
    }

    /** The option as stored; absent means enforce, a wrong value is noted by the reader (and refused on save). */
    public static EnforcementMode read(OptionReader options) {
        String text = options.text(OPTION);
        if (text == null) {
            return ENFORCE;
        }
        Optional<EnforcementMode> mode = parse(text);
        options.problems().check(mode.isPresent(), OPTION, "nhiOptionOneOf", "enforce, report-only");
        // a value that cannot be read enforces: a typo never switches a policy off
        return mode.orElse(ENFORCE);
    }
}
