package dev.nhiguard.ownership;

import dev.nhiguard.shared.OwnerState;

import java.util.Optional;

/** The questions ownership rules ask of the realm, kept apart so the rules are testable without a server. */
public interface OwnerDirectory {

    OwnerState ownerState(String username);

    /** The path of the group {@code groupPath} names, written the way Keycloak writes it, if there is such a group. */
    Optional<String> groupPath(String groupPath);
}
