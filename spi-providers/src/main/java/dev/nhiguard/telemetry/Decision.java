package dev.nhiguard.telemetry;

/** What became of a request a record describes. */
public enum Decision {
    GRANTED("granted"),
    REFUSED("refused"),
    /** Granted (or saved) because the policy that would have refused it is in report-only. */
    WOULD_REFUSE("would-refuse");

    private final String value;

    Decision(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
