package dev.nhiguard.credentials;

import dev.nhiguard.shared.NhiAttributes;

import java.util.Map;

/**
 * The shared secrets one client holds now, as a bulk read finds them: its name, its current secret with Keycloak's
 * creation time (null when absent or unreadable), and the previous secret Keycloak's rotation still accepts (null when none).
 */
public record HeldSecret(String clientName, String secret, Long keycloakCreated, String liveRotated) {

    /** From a row of {@code KeycloakQuery.SECRET_CLIENTS}: id, clientId, secret, creation time, rotated secret, its rotation and expiry. */
    public static HeldSecret fromRow(Object[] row, boolean rotationEnabled, long nowSeconds) {
        Map<String, String> rotation = new java.util.HashMap<>();
        rotation.put(NhiAttributes.KC_ROTATED_SECRET, (String) row[4]);
        rotation.put(NhiAttributes.KC_ROTATED_SECRET_CREATION_TIME, (String) row[5]);
        rotation.put(NhiAttributes.KC_ROTATED_SECRET_EXPIRATION_TIME, (String) row[6]);
        return new HeldSecret((String) row[1], (String) row[2], SecretIssue.keycloakCreated((String) row[3]),
                RotatedSecret.live(rotation::get, rotationEnabled, nowSeconds).orElse(null));
    }
}
