package dev.nhiguard.shared;

import java.util.Locale;

/** What became of the user named as a machine identity's owner. */
public enum OwnerState {
    ACTIVE,
    DISABLED,
    /** No human user of that name: never existed, deleted, or a service-account user. */
    MISSING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
