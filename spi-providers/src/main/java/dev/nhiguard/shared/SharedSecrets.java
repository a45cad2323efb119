package dev.nhiguard.shared;

import org.keycloak.models.ClientModel;

import java.util.List;

/** Which clients hold a secret the server holds too: the one rule, for every judge and the one query that reads them. Pure. */
public final class SharedSecrets {

    /** The secret sent as is, or used to sign a JWT (client_secret_jwt): either way, a copy of it is all an attacker needs. */
    public static final List<String> AUTHENTICATORS = List.of("client-secret", "client-secret-jwt");

    private SharedSecrets() {
    }

    /** Whether a confidential client with this authenticator proves itself with a shared secret (absent: Keycloak's default, one). */
    public static boolean authenticatesWith(String authenticatorType) {
        return authenticatorType == null || AUTHENTICATORS.contains(authenticatorType);
    }

    /** Whether the client holds a shared secret: confidential, with a secret authenticator. */
    public static boolean held(boolean publicClient, String authenticatorType) {
        return !publicClient && authenticatesWith(authenticatorType);
    }

    public static boolean held(ClientSnapshot client) {
        return held(client.publicClient(), client.authenticatorType());
    }

    public static boolean held(ClientModel client) {
        return held(client.isPublicClient(), client.getClientAuthenticatorType());
    }

    /** The authenticators as a JPQL list literal, for the query that reads the realm's secret clients. */
    public static String jpqlList() {
        return "('" + String.join("', '", AUTHENTICATORS) + "')";
    }
}
