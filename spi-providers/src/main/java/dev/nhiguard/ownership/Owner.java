package dev.nhiguard.ownership;

import dev.nhiguard.shared.NhiAttributes;

import java.util.Map;
import java.util.function.Function;

/**
 * A machine identity's owner as its client names it: the username it was given ({@code nhi.owner}) and the user the
 * pack bound that name to when the owner was set ({@code nhi.owner-id}). Every judge reads the owner through this
 * one type, so a user who later takes a departed owner's username is nobody's owner, and a renamed owner keeps what
 * they own.
 *
 * @param name    the username as written, null when none
 * @param boundId the bound user's id, {@link #NOBODY}, or null while the name is not bound yet (a client from before
 *                bindings, until the pack binds it)
 */
public record Owner(String name, String boundId) {

    /** The bound id of a name that was no user's when it was bound: no user that name fits later owns the client. */
    public static final String NOBODY = "none";

    public static Owner of(Function<String, String> attributes) {
        String id = attributes.apply(NhiAttributes.OWNER_ID);
        return new Owner(attributes.apply(NhiAttributes.OWNER), id == null || id.isBlank() ? null : id);
    }

    public static Owner of(Map<String, String> attributes) {
        return of(attributes::get);
    }

    public boolean isBound() {
        return boundId != null;
    }

    public boolean isBoundToNobody() {
        return NOBODY.equals(boundId);
    }

    /** The username Keycloak would store for the name: usernames are kept and looked up in lower case. */
    public String lookupName() {
        return dev.nhiguard.shared.OwnerNames.key(name);
    }

    /** Whether two owner names name the same username. */
    public static boolean sameName(String a, String b) {
        return dev.nhiguard.shared.OwnerNames.same(a, b);
    }

    /**
     * The owner a save proposes, as the rules must judge it: a name the save leaves as it is keeps the user it is bound
     * to (editing anything else never re-binds it to whoever has that name now); a new name is judged by the name, and
     * bound to its user when the save commits. A bound id sent with the save counts for nothing.
     */
    public static String proposedBoundId(String proposedName, String storedName, String storedBoundId) {
        return storedName != null && sameName(proposedName, storedName) ? storedBoundId : null;
    }
}
