package dev.nhiguard.telemetry;

import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;

import java.lang.ref.WeakReference;

/**
 * One record per request. Keycloak raises two events for one request at some endpoints (introspection and PAR raise
 * the client authenticator's error, then their own; PAR raises a client policy's refusal twice), each from a session
 * of its own on the request's thread. What the sessions of one request share is the request's headers object: the
 * first event of a client within a request is recorded, the others are not.
 */
final class OncePerRequest {

    private record Seen(WeakReference<HttpHeaders> request, String clientUuid) {
    }

    private static final ThreadLocal<Seen> LAST = new ThreadLocal<>();

    private OncePerRequest() {
    }

    /** True the first time this request names this client, false after. */
    static boolean first(KeycloakSession session, String clientUuid) {
        HttpHeaders headers;
        try {
            headers = session.getContext().getRequestHeaders();
        } catch (RuntimeException outsideARequest) {
            return true;
        }
        if (headers == null) {
            return true;
        }
        Seen last = LAST.get();
        if (last != null && last.request().get() == headers && last.clientUuid().equals(clientUuid)) {
            return false;
        }
        LAST.set(new Seen(new WeakReference<>(headers), clientUuid));
        return true;
    }
}
