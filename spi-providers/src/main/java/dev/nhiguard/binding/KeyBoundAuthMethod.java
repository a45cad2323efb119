package dev.nhiguard.binding;

import java.util.Arrays;
import java.util.Optional;

/**
 * Client authentication that proves a key rather than a shared secret: the client's TLS certificate, a JWT it signs
 * with its own key, or a JWT an issuer the realm trusts signed for it (federated, such as a Kubernetes service-account
 * token). Named as the option is written, with Keycloak's authenticator id.
 */
public enum KeyBoundAuthMethod {
    TLS_CLIENT_AUTH("tls_client_auth", "client-x509"),
    PRIVATE_KEY_JWT("private_key_jwt", "client-jwt"),
    FEDERATED_JWT("federated-jwt", "federated-jwt");

    private final String oauthName;
    private final String keycloakId;

    KeyBoundAuthMethod(String oauthName, String keycloakId) {
        this.oauthName = oauthName;
        this.keycloakId = keycloakId;
    }

    public String oauthName() {
        return oauthName;
    }

    public String keycloakId() {
        return keycloakId;
    }

    public static Optional<KeyBoundAuthMethod> byOauthName(String name) {
        return Arrays.stream(values()).filter(m -> m.oauthName.equals(name)).findFirst();
    }

    public static Optional<KeyBoundAuthMethod> byKeycloakId(String id) {
        return Arrays.stream(values()).filter(m -> m.keycloakId.equals(id)).findFirst();
    }

    public String describe() {
        return oauthName.equals(keycloakId) ? oauthName : oauthName + " (" + keycloakId + ")";
    }
}
