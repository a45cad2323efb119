package dev.nhiguard.shared;

import java.util.Locale;
import java.util.Objects;

/** Owner names as Keycloak keeps usernames, stored and looked up in lower case: the one way the pack compares them. Pure. */
public final class OwnerNames {

    private OwnerNames() {
    }

    /** The username Keycloak would store for the name. */
    public static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** Whether two owner names name the same username. */
    public static boolean same(String a, String b) {
        return Objects.equals(key(a), key(b));
    }
}
