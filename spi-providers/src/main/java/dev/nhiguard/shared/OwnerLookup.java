package dev.nhiguard.shared;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.storage.user.UserLookupProvider;

/** The one definition of an owner's state, through the user API so federated users count too. */
public final class OwnerLookup {

    private static final Logger LOG = Logger.getLogger(OwnerLookup.class);
    private static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";

    private OwnerLookup() {
    }

    public static OwnerState stateOf(KeycloakSession session, RealmModel realm, String username) {
        return lookUp(session, realm, username).state();
    }

    /** The user named {@code username} when that user is an active owner, else null. */
    public static UserModel activeUser(KeycloakSession session, RealmModel realm, String username) {
        Found found = lookUp(session, realm, username);
        return found.state() == OwnerState.ACTIVE ? found.user() : null;
    }

    private record Found(UserModel user, OwnerState state) {
    }

    private static Found lookUp(KeycloakSession session, RealmModel realm, String username) {
        // a directory's users are looked up through the realm's federation providers, which read the realm from the
        // session's context: the session of a sweep or another background job has none
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        UserModel user;
        try {
            user = session.users().getUserByUsername(realm, username);
        } catch (ModelException e) {
            throw unavailable(realm, username, e);
        }
        // a directory may match a name that is not the username (an alias, surrounding spaces): no owner by that name
        if (user != null && !username.equalsIgnoreCase(user.getUsername())) {
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
