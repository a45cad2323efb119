package dev.nhiguard.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the sweep does with the stale machine identities it finds. */
public enum ExpiryMode {
    /** Findings only: nothing changes. */
    REPORT,
    /** Disable them and revoke their tokens. */
    DISABLE,
    /** Disable them, and delete them once they have stayed disabled for deleteAfterDays. */
    DISABLE_THEN_DELETE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ExpiryMode> parse(String value) {
        return value == null ? Optional.empty() : Arrays.stream(values()).filter(m -> m.label().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
