package dev.nhiguard.expiry;

import java.util.Locale;

/** What a sweep did, or would do, to one client. */
public enum SweepAction {
    /** Due, but the realm's mode only reports. */
    REPORT,
    /** Due, but exempt until its nhi.expiry-exempt-until. */
    EXEMPT,
    /** Disabled, its tokens revoked. */
    DISABLE,
    /** Deleted, deleteAfterDays after the sweep disabled it. */
    DELETE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean changesSomething() {
        return this == DISABLE || this == DELETE;
    }
}
