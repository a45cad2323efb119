package dev.nhiguard.binding;

import java.util.Arrays;
import java.util.Optional;

/** Client authentication methods tied to a key the client holds, by their OAuth names and Keycloak's ids. */
public enum KeyBoundAuthMethod {
    TLS_CLIENT_AUTH("tls_client_auth", "client-x509"),
    PRIVATE_KEY_JWT("private_key_jwt", "client-jwt");

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

    public String describe() {
        return oauthName + " (" + keycloakId + ")";
    }
}
