package dev.nhiguard.ownership;

import dev.nhiguard.shared.OwnerState;

/** The questions ownership rules ask of the realm, kept apart so the rules are testable without a server. */
public interface OwnerDirectory {

    OwnerState ownerState(String username);

    boolean groupExists(String groupPath);
}
