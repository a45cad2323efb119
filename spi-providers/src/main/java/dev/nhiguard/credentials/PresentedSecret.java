package dev.nhiguard.credentials;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.util.BasicAuthHelper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Which of a client's two live secrets the token request at hand authenticated with, while Keycloak's secret rotation
 * accepts the previous one too: read as Keycloak's authenticators read it (the {@code Authorization: Basic} header,
 * overridden by a {@code client_secret} form field; a {@code client-secret-jwt} assertion checked against the current
 * secret by Keycloak's own decoder).
 */
final class PresentedSecret {

    private PresentedSecret() {
    }

    /** True when the request carried the client's current secret; false for the previous one, or when it cannot be told. */
    static boolean isCurrent(KeycloakSession session, ClientModel client) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || client.getSecret() == null) {
            return false;
        }
        MultivaluedMap<String, String> form = request.getDecodedFormParameters();
        String assertion = form == null ? null : form.getFirst(OAuth2Constants.CLIENT_ASSERTION);
        if (assertion != null) {
            try {
                return session.tokens().decodeClientJWT(assertion, client, JsonWebToken.class) != null;
            } catch (RuntimeException e) {
                return false;
            }
        }
        String secret = form == null ? null : form.getFirst(OAuth2Constants.CLIENT_SECRET);
        if (secret == null) {
            String header = request.getHttpHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
            String[] basic = header == null ? null : BasicAuthHelper.RFC6749.parseHeader(header);
            secret = basic == null ? null : basic[1];
        }
        if (secret == null) {
            return false;
        }
        String stored = client.getSecret();
        String current = session.vault().getStringSecret(stored).get().orElse(stored);
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), current.getBytes(StandardCharsets.UTF_8));
    }
}
