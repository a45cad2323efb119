package dev.nhiguard.shared;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/**
 * {@code first} and {@code max} of a list endpoint, read once for all of them: plain decimal digits only (no sign, no
 * exponent, no other scripts' digits), each sent at most once; a wrong value is a 400 naming it.
 */
public record Paging(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    private static final int MAX_DIGITS = 9;

    /** The paging the request asks for, from its query parameters. */
    public static Paging of(KeycloakSession session, int limit) {
        return of(QueryParameters.single(session, "first"), QueryParameters.single(session, "max"), limit);
    }

    public static Paging of(String first, String max, int limit) {
        int from = first == null || first.isEmpty() ? 0 : number(first, NhiMessages.format("nhiInventoryBadFirst"));
        int size = max == null || max.isEmpty() ? Math.min(DEFAULT_MAX, limit) : number(max, NhiMessages.format("nhiInventoryBadMax", limit));
        if (size < 1 || size > limit) {
            throw ErrorResponse.error(NhiMessages.format("nhiInventoryBadMax", limit), Response.Status.BAD_REQUEST);
        }
        return new Paging(from, size);
    }

    private static int number(String value, String refusal) {
        return digits(value).orElseThrow(() -> ErrorResponse.error(refusal, Response.Status.BAD_REQUEST));
    }

    /** A whole number written as plain ASCII digits (at most nine), or empty. Pure: the one reading of a count. */
    public static java.util.OptionalInt digits(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(Integer.parseInt(value));
    }
}
