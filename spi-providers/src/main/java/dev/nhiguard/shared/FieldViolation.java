package dev.nhiguard.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason a client or request is refused: the attribute or setting at fault, why, and the inventory finding that
 * reports the same fault on a stored client.
 */
public record FieldViolation(String attribute, String reason, Finding finding) {

    public String describe() {
        return attribute + ": " + reason;
    }

    /** Every violation in one line, so one round trip tells the caller all that is wrong. */
    public static String describeAll(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; "));
    }
}
