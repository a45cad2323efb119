package dev.nhiguard.telemetry;

import org.keycloak.events.EventType;

import java.util.Map;
import java.util.Optional;

/**
 * The endpoints besides the token endpoint's grants where a client proves who it is, by the events Keycloak raises for
 * them: each is a place to try a machine identity's secret, so each yields a record, and a failed authentication
 * there counts as one at the token endpoint does (lastFailedAuthentication, REFUSAL_BURST).
 */
enum ClientEndpoint {
    /** A token request Keycloak refused before it knew the grant (a parameter sent twice): no grant_type in its event. */
    TOKEN("token", EventType.CLIENT_LOGIN, EventType.CLIENT_LOGIN_ERROR),
    INTROSPECTION("introspection", EventType.INTROSPECT_TOKEN, EventType.INTROSPECT_TOKEN_ERROR),
    REVOCATION("revocation", EventType.REVOKE_GRANT, EventType.REVOKE_GRANT_ERROR),
    PAR("par", EventType.PUSHED_AUTHORIZATION_REQUEST, EventType.PUSHED_AUTHORIZATION_REQUEST_ERROR),
    LOGOUT("logout", EventType.LOGOUT, EventType.LOGOUT_ERROR),
    DEVICE_AUTHORIZATION("device-authorization", EventType.OAUTH2_DEVICE_AUTH, EventType.OAUTH2_DEVICE_AUTH_ERROR),
    /** A login without a grant: CIBA's authentication request, or the authorization endpoint. */
    LOGIN("login", EventType.LOGIN, EventType.LOGIN_ERROR);

    private static final Map<EventType, ClientEndpoint> BY_EVENT = byEvent();

    private final String label;
    private final EventType success;
    private final EventType error;

    ClientEndpoint(String label, EventType success, EventType error) {
        this.label = label;
        this.success = success;
        this.error = error;
    }

    String label() {
        return label;
    }

    static Optional<ClientEndpoint> of(EventType type) {
        return Optional.ofNullable(BY_EVENT.get(type));
    }

    private static Map<EventType, ClientEndpoint> byEvent() {
        Map<EventType, ClientEndpoint> map = new java.util.EnumMap<>(EventType.class);
        for (ClientEndpoint endpoint : values()) {
            map.put(endpoint.success, endpoint);
            map.put(endpoint.error, endpoint);
        }
        return map;
    }
}
