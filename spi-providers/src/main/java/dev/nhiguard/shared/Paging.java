package dev.nhiguard.shared;

import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;

/** {@code first} and {@code max} of a list endpoint, checked once for all of them: a wrong value is a 400 naming it. */
public record Paging(int first, int max) {

    public static final int DEFAULT_MAX = 100;

    public static Paging of(Integer first, Integer max, int limit) {
        int from = first == null ? 0 : first;
        int size = max == null ? DEFAULT_MAX : max;
        if (from < 0) {
            throw ErrorResponse.error(NhiMessages.format("nhiInventoryBadFirst"), Response.Status.BAD_REQUEST);
        }
        if (size < 1 || size > limit) {
            throw ErrorResponse.error(NhiMessages.format("nhiInventoryBadMax", limit), Response.Status.BAD_REQUEST);
        }
        return new Paging(from, size);
    }
}
