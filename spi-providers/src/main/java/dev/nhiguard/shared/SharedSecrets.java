package dev.nhiguard.shared;

import java.util.Set;

/** Which client authenticators rest on a secret the server holds too. Pure. */
public final class SharedSecrets {

    /** The secret sent as is, or used to sign a JWT (client_secret_jwt): either way, a copy of it is all an attacker needs. */
    private static final Set<String> AUTHENTICATORS = Set.of("client-secret", "client-secret-jwt");

    private SharedSecrets() {
    }

    /** Whether a confidential client with this authenticator proves itself with a shared secret (absent: Keycloak's default, one). */
    public static boolean authenticatesWith(String authenticatorType) {
        return authenticatorType == null || AUTHENTICATORS.contains(authenticatorType);
    }
}
