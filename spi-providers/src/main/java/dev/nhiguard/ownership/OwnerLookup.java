package dev.nhiguard.ownership;

import dev.nhiguard.shared.OwnerDirectoryUnavailable;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.store.OwnerBindingRecords;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.storage.user.UserLookupProvider;

/**
 * The one definition of an owner's state, through the user API so federated users count too: a bound owner by the
 * user it is bound to, a name not yet bound by the user who has it.
 */
public final class OwnerLookup {

    private static final Logger LOG = Logger.getLogger(OwnerLookup.class);
    private static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";

    private OwnerLookup() {
    }

    public static OwnerState stateOf(KeycloakSession session, RealmModel realm, Owner owner) {
        return resolve(session, realm, owner).state();
    }

    /** The user named {@code username} when that user is an active owner, else null: for a name about to be bound. */
    public static UserModel activeUser(KeycloakSession session, RealmModel realm, String username) {
        Found found = lookUp(session, realm, username);
        return found.state() == OwnerState.ACTIVE ? found.user() : null;
    }

    /** The owner's user (null when none) and state. */
    public record Found(UserModel user, OwnerState state) {
    }

    public static Found resolve(KeycloakSession session, RealmModel realm, Owner owner) {
        if (!owner.isBound()) {
            return lookUp(session, realm, owner.name());
        }
        if (owner.isBoundToNobody()) {
            return new Found(null, OwnerState.MISSING);
        }
        withRealmInContext(session, realm);
        UserModel user;
        try {
            user = session.users().getUserById(realm, owner.boundId());
        } catch (ModelException e) {
            throw unavailable(realm, owner.name(), e);
        }
        if (user != null && user.getServiceAccountClientLink() == null) {
            OwnerState state = stateOf(user);
            if (state != OwnerState.ACTIVE && user.getFederationLink() != null) {
                confirmWithDirectories(session, realm, user.getUsername(), user.getFederationLink());
            }
            return new Found(user, state);
        }
        return new Found(null, goneOrUnverified(session, realm, owner));
    }

    /**
     * The bound user is not there: gone if this Keycloak bound it (a departure, or a directory that no longer has them,
     * which is asked first so that an outage is not taken for one); if the binding came with an import, unverified, or
     * disabled when the user who has the name here is: a binding nobody can verify never reads better than the name.
     */
    static OwnerState goneOrUnverified(KeycloakSession session, RealmModel realm, Owner owner) {
        boolean seen = !new OwnerBindingRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                .seenOwners(realm.getId(), java.util.List.of(owner.boundId())).isEmpty();
        if (!seen) {
            return owner.name() != null && lookUp(session, realm, owner.name()).state() == OwnerState.DISABLED
                    ? OwnerState.DISABLED : OwnerState.UNVERIFIED;
        }
        if (owner.name() != null) {
            confirmWithDirectories(session, realm, owner.lookupName(), null);
        }
        return OwnerState.MISSING;
    }

    private static void withRealmInContext(KeycloakSession session, RealmModel realm) {
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
    }

    static Found lookUp(KeycloakSession session, RealmModel realm, String username) {
        // a directory's users are looked up through the realm's federation providers, which read the realm from the
        // session's context: the session of a sweep or another background job has none
        withRealmInContext(session, realm);
        UserModel user;
        try {
            user = session.users().getUserByUsername(realm, username);
        } catch (ModelException e) {
            throw unavailable(realm, username, e);
        }
        // a directory may match a name that is not the username (an alias, surrounding spaces): no owner by that name
        if (user != null && !dev.nhiguard.shared.OwnerNames.same(username, user.getUsername())) {
            return new Found(user, OwnerState.MISSING);
        }
        OwnerState state = stateOf(user);
        if (state != OwnerState.ACTIVE && (user == null || user.getFederationLink() != null)) {
            confirmWithDirectories(session, realm, username, user == null ? null : user.getFederationLink());
        }
        return new Found(user, state);
    }

    /**
     * Keycloak answers for a directory it cannot reach as if the directory's users were gone or disabled (it goes on
     * with the other providers, "for graceful degradation"): a verdict other than active about a user a directory may
     * hold is confirmed by asking each such directory directly, so that an outage is never taken for an offboarding.
     */
    private static void confirmWithDirectories(KeycloakSession session, RealmModel realm, String username, String federationLink) {
        Class<? extends Provider> storage = UserStorageSpi.TYPE;
        realm.getComponentsStream(realm.getId(), USER_STORAGE)
                .filter(directory -> !"false".equals(directory.get("enabled")))
                .filter(directory -> federationLink == null || federationLink.equals(directory.getId()))
                .forEach(directory -> {
                    try {
                        if (session.getProvider(storage, directory) instanceof UserLookupProvider lookup) {
                            lookup.getUserByUsername(realm, username);
                        }
                    } catch (RuntimeException e) {
                        throw unavailable(realm, username, e);
                    }
                });
    }

    private static OwnerDirectoryUnavailable unavailable(RealmModel realm, String username, RuntimeException cause) {
        LOG.warnf("realm %s: the state of owner %s cannot be read: %s", realm.getName(), SafeText.echo(username, 80), cause.getMessage());
        return new OwnerDirectoryUnavailable(username);
    }

    /** Keycloak's user storage SPI, by the name its components carry (the class lives in a module the pack does not compile against). */
    private static final class UserStorageSpi {

        static final Class<? extends Provider> TYPE = load();

        @SuppressWarnings("unchecked")
        private static Class<? extends Provider> load() {
            try {
                return (Class<? extends Provider>) Class.forName(USER_STORAGE, false, KeycloakSession.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Keycloak's user storage SPI is missing: " + USER_STORAGE, e);
            }
        }
    }

    /** The state of a user already looked up (null: no such user). */
    public static OwnerState stateOf(UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return OwnerState.MISSING;
        }
        return user.isEnabled() ? OwnerState.ACTIVE : OwnerState.DISABLED;
    }
}
