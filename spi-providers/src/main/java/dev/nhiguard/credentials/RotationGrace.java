package dev.nhiguard.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.policy.RealmPolicies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;

/**
 * How long a previous secret may go on working after a rotation in this realm: the longest
 * {@code rotated-expiration-period} of Keycloak's {@code secret-rotation} executor in the realm's enabled policies
 * (its default, two days, where the executor names none); none without the executor, which is the only thing that
 * leaves a previous secret behind.
 */
final class RotationGrace {

    static final String EXECUTOR = "secret-rotation";
    static final String OPTION = "rotated-expiration-period";
    static final Duration KEYCLOAK_DEFAULT = Duration.ofDays(2);

    private RotationGrace() {
    }

    static Duration of(KeycloakSession session, RealmModel realm) {
        Duration longest = Duration.ZERO;
        for (RealmPolicies.Applied applied : RealmPolicies.read(session, realm).of(EXECUTOR)) {
            Duration grace = seconds(applied.executor().getConfiguration());
            longest = grace.compareTo(longest) > 0 ? grace : longest;
        }
        return longest;
    }

    private static Duration seconds(JsonNode configuration) {
        JsonNode value = configuration == null ? null : configuration.get(OPTION);
        if (value == null || value.isNull()) {
            return KEYCLOAK_DEFAULT;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.asText().trim())));
        } catch (NumberFormatException e) {
            return KEYCLOAK_DEFAULT;
        }
    }
}
