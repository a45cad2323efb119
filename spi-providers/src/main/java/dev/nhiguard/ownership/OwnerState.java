package dev.nhiguard.ownership;

import java.util.Locale;

/** What became of the user named as a machine identity's owner. */
public enum OwnerState {
    ACTIVE,
    DISABLED,
    /** No human user of that name: never existed, deleted, or a service-account user; or the user it was bound to is gone. */
    MISSING,
    /**
     * Bound, by an import, to a user this Keycloak does not know and never bound (a realm moved from another Keycloak):
     * not gone, not anybody's either, until an admin binds it here.
     */
    UNVERIFIED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
