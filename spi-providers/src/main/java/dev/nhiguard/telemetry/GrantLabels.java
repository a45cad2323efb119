package dev.nhiguard.telemetry;

import org.keycloak.OAuth2Constants;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Metric labels from what a caller sent: a grant type or error code outside the known few reads {@code other}, so
 * nobody can grow the metrics endpoint by inventing values.
 */
final class GrantLabels {

    private static final Map<String, String> GRANTS = Map.of(
            OAuth2Constants.CLIENT_CREDENTIALS, "client_credentials",
            OAuth2Constants.PASSWORD, "password",
            OAuth2Constants.AUTHORIZATION_CODE, "authorization_code",
            OAuth2Constants.REFRESH_TOKEN, "refresh_token",
            OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE, "token_exchange",
            OAuth2Constants.UMA_GRANT_TYPE, "uma_ticket",
            OAuth2Constants.DEVICE_CODE_GRANT_TYPE, "device_code",
            OAuth2Constants.CIBA_GRANT_TYPE, "ciba",
            OAuth2Constants.JWT_AUTHORIZATION_GRANT, "jwt_bearer");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

    private GrantLabels() {
    }

    static String of(String grant) {
        if (OAuth2Constants.CLIENT_CREDENTIALS.equals(grant)) {
            return "client_credentials"; // nearly every request of a machine identity
        }
        return GRANTS.getOrDefault(grant, "other");
    }

    static String error(String error) {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "other";
    }
}
