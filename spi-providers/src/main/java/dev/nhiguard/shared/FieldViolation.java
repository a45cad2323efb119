package dev.nhiguard.shared;

/** One reason a request or setting is refused, naming the attribute or setting at fault. */
public record FieldViolation(String attribute, String reason) {

    public String describe() {
        return attribute + ": " + reason;
    }
}
