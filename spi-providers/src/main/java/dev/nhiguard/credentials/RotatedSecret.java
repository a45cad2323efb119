package dev.nhiguard.credentials;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.shared.NhiAttributes;
import org.keycloak.common.Profile;

import java.util.Optional;
import java.util.function.Function;

/**
 * The client's previous secret as Keycloak still accepts it during its secret rotation's grace period: feature
 * {@code client-secret-rotation} on, a rotated secret and its rotation time recorded, its expiry not passed (Keycloak
 * treats a missing expiry as passed). Read from the attributes Keycloak's authenticators read, so the pack judges the
 * very secret they would take. Pure.
 */
public final class RotatedSecret {

    private RotatedSecret() {
    }

    /** The previous secret Keycloak accepts now, given the client's attributes by name. */
    public static Optional<String> live(Function<String, String> attributes) {
        return live(attributes, Profile.isFeatureEnabled(Profile.Feature.CLIENT_SECRET_ROTATION), PackClock.millis() / 1000);
    }

    /**
     * @param attributes     the client's attributes by name
     * @param featureEnabled Keycloak's feature {@code client-secret-rotation} is on
     * @param nowSeconds     epoch seconds
     */
    static Optional<String> live(Function<String, String> attributes, boolean featureEnabled, long nowSeconds) {
        String secret = attributes.apply(NhiAttributes.KC_ROTATED_SECRET);
        String rotatedAt = attributes.apply(NhiAttributes.KC_ROTATED_SECRET_CREATION_TIME);
        Long expires = SecretIssue.keycloakCreated(attributes.apply(NhiAttributes.KC_ROTATED_SECRET_EXPIRATION_TIME));
        if (!featureEnabled || secret == null || secret.isBlank() || rotatedAt == null || rotatedAt.isBlank()
                || expires == null || expires < nowSeconds) {
            return Optional.empty();
        }
        return Optional.of(secret);
    }
}
