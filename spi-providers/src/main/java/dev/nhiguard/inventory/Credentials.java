package dev.nhiguard.inventory;

import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.NhiAttributes;

/** How a client proves who it is and what its tokens are bound to, in the standards' words rather than Keycloak's ids. Pure. */
final class Credentials {

    private Credentials() {
    }

    /**
     * {@code client_secret} for a shared secret (sent as is, or signing a JWT: the server holds it too),
     * {@code private_key_jwt}, {@code tls_client_auth}, {@code federated} (a JWT from an issuer the realm trusts);
     * another authenticator by its Keycloak id; null for a public client, which proves nothing.
     */
    static String type(ClientSnapshot client) {
        if (client.publicClient()) {
            return null;
        }
        String authenticator = client.authenticatorType();
        if (dev.nhiguard.shared.SharedSecrets.held(client)) {
            return "client_secret"; // absent: Keycloak's default authenticator, a secret
        }
        return switch (authenticator) {
            case "client-jwt" -> "private_key_jwt";
            case "client-x509" -> "tls_client_auth";
            case "federated-jwt" -> "federated";
            default -> authenticator;
        };
    }

    /** {@code mtls}, {@code dpop}, {@code mtls+dpop} when Keycloak is asked for both, or {@code none}. */
    static String senderConstraint(ClientSnapshot client) {
        boolean mtls = client.isOn(NhiAttributes.KC_CERT_BOUND_TOKENS);
        boolean dpop = client.isOn(NhiAttributes.KC_DPOP_BOUND_TOKENS);
        return mtls && dpop ? "mtls+dpop" : mtls ? "mtls" : dpop ? "dpop" : "none";
    }
}
