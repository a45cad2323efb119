package dev.nhiguard.policy;

import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiMessages;

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

    /**
     * The setting at fault and the kind of fault, without the value: what an answer to a caller nobody has authenticated
     * as a person (the token and authorization endpoints, anonymous registration) may say. The value is in the server log.
     */
    /** The finding's label and code stand for the reason: the inventory, the console and docs/reference.md explain the code. */
    public FieldViolation withoutValue() {
        return new FieldViolation(attribute, NhiMessages.findingLabel(finding).toLowerCase(java.util.Locale.ROOT) + " (" + finding.name() + ")",
                finding);
    }

    public String describeWithoutValue() {
        return withoutValue().describe();
    }

    public static String describeAllWithoutValues(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::describeWithoutValue).distinct().collect(Collectors.joining("; "));
    }

    /** Every violation in one line, so one round trip tells the caller all that is wrong. */
    public static String describeAll(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; "));
    }
}
