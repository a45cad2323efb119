package dev.nhiguard.ownership;


import java.util.Optional;

/** The questions ownership rules ask of the realm, kept apart so the rules are testable without a server. */
public interface OwnerDirectory {

    /** The state of the client's owner, by the user it is bound to (by its name while unbound). */
    OwnerState ownerState(Owner owner);

    /** The path of the group {@code groupPath} names, written the way Keycloak writes it, if there is such a group. */
    Optional<String> groupPath(String groupPath);
}
