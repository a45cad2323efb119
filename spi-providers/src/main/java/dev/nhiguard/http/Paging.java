package dev.nhiguard.http;

import dev.nhiguard.shared.NhiMessages;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/**
 * {@code first} and {@code max} of a list endpoint, read once for all of them: plain decimal digits only (no sign, no
 * exponent, no other scripts' digits), each sent at most once; a wrong value is a 400 naming it.
 */
public record Paging(int first, int max) {

    public static final int DEFAULT_MAX = 100;

    /** The paging the request asks for, from its query parameters. */
    public static Paging of(KeycloakSession session, int limit) {
        return of(QueryParameters.single(session, "first"), QueryParameters.single(session, "max"), limit);
    }

    public static Paging of(String first, String max, int limit) {
        try {
            return parse(first, max, limit);
        } catch (Wrong e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }

    /** A value of {@code first} or {@code max} the caller got wrong; the message names it and is safe to return. */
    public static final class Wrong extends IllegalArgumentException {
        Wrong(String message) {
            super(message);
        }
    }

    /** The paging asked for, or {@link Wrong}: the one reading of {@code first} and {@code max}. Pure. */
    public static Paging parse(String first, String max, int limit) {
        int from = first == null || first.isEmpty() ? 0 : WholeNumbers.digits(first).orElseThrow(() -> new Wrong(NhiMessages.format("nhiInventoryBadFirst")));
        int size = max == null || max.isEmpty() ? Math.min(DEFAULT_MAX, limit)
                : WholeNumbers.digits(max).orElseThrow(() -> new Wrong(NhiMessages.format("nhiInventoryBadMax", limit)));
        if (size < 1 || size > limit) {
            throw new Wrong(NhiMessages.format("nhiInventoryBadMax", limit));
        }
        return new Paging(from, size);
    }
}
