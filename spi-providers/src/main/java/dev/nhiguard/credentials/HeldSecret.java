package dev.nhiguard.credentials;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.NhiAttributes;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The shared secrets one client holds now, as a bulk read finds them: its name, its current secret with Keycloak's
 * creation time (null when absent or unreadable), and the previous secret Keycloak's rotation still accepts (null when none).
 */
public record HeldSecret(String clientName, String secret, Long keycloakCreated, String liveRotated) {

    /** The secrets of the realm's machine clients that authenticate with one, by client id ({@code KeycloakQuery.SECRET_CLIENTS}). */
    public static Map<String, HeldSecret> ofRealm(EntityManager em, String realmId) {
        Map<String, HeldSecret> held = new HashMap<>();
        for (Object[] row : KeycloakQuery.SECRET_CLIENTS.create(em, Object[].class).setParameter("realm", realmId).getResultList()) {
            if (row[2] == null) {
                continue; // no secret: Keycloak authenticates nothing with it
            }
            Map<String, String> rotation = new HashMap<>();
            rotation.put(NhiAttributes.KC_ROTATED_SECRET, (String) row[4]);
            rotation.put(NhiAttributes.KC_ROTATED_SECRET_CREATION_TIME, (String) row[5]);
            rotation.put(NhiAttributes.KC_ROTATED_SECRET_EXPIRATION_TIME, (String) row[6]);
            held.put((String) row[0], new HeldSecret((String) row[1], (String) row[2], SecretIssue.keycloakCreated((String) row[3]),
                    RotatedSecret.live(rotation::get).orElse(null)));
        }
        return held;
    }
}
