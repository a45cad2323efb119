package dev.nhiguard.ownership;

/** One reason a client's ownership attributes are refused, naming the attribute at fault. */
public record OwnershipViolation(String attribute, String reason) {

    public String describe() {
        return attribute + ": " + reason;
    }
}
