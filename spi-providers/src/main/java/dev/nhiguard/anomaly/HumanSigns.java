package dev.nhiguard.anomaly;

import org.keycloak.OAuth2Constants;

import java.util.Set;

/**
 * What says a person, not a program, is using a machine identity: a browser's user agent, or a grant that involves a
 * person. Catches a secret pasted into a browser tool or a password grant tried with a service account; misses a
 * person who sends a program's user agent with client_credentials (nothing in the request tells them apart).
 */
final class HumanSigns {

    private static final Set<String> INTERACTIVE_GRANTS = Set.of(OAuth2Constants.PASSWORD, OAuth2Constants.AUTHORIZATION_CODE,
            OAuth2Constants.DEVICE_CODE_GRANT_TYPE, OAuth2Constants.CIBA_GRANT_TYPE, "implicit");

    private HumanSigns() {
    }

    static boolean interactiveGrant(String grant) {
        return grant != null && !OAuth2Constants.CLIENT_CREDENTIALS.equals(grant) && INTERACTIVE_GRANTS.contains(grant);
    }

    /** Every browser's user agent starts with Mozilla/5.0 and names its engine; libraries' agents do not. */
    static boolean browser(String userAgent) {
        return userAgent != null && userAgent.startsWith("Mozilla/")
                && (userAgent.contains("Gecko") || userAgent.contains("AppleWebKit") || userAgent.contains("Trident"));
    }
}
