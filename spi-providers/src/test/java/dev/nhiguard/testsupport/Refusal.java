package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on refusals. Each one checks a description only the pack writes, so a test built on them fails on a
 * Keycloak without the pack (which either grants the request or refuses it in its own words).
 */
public final class Refusal {

    private Refusal() {
    }

    /** An OAuth error response ({@code error}, {@code error_description}) whose description contains {@code fragment}. */
    public static JsonNode assertOAuthError(HttpResponse<String> response, int status, String error, String fragment) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = AdminApi.parse(response.body());
        assertEquals(error, body.path("error").asText(), response.body());
        assertTrue(body.path("error_description").asText().contains(fragment),
                "'" + fragment + "' in: " + body.path("error_description").asText());
        return body;
    }

    /**
     * An admin API refusal as Keycloak's {@code ErrorResponse} writes it ({@code errorMessage}), whose message contains
     * {@code fragment}.
     */
    public static String assertAdminError(HttpResponse<String> response, int status, String fragment) {
        assertEquals(status, response.statusCode(), response.body());
        String message = AdminApi.parse(response.body()).path("errorMessage").asText();
        assertTrue(message.contains(fragment), "'" + fragment + "' in: " + response.body());
        return message;
    }

    /** A client save refused with HTTP 400 naming {@code attribute}: "attribute: reason", first or after "; ". */
    public static void assertSaveRefused(HttpResponse<String> response, String attribute) {
        assertEquals(400, response.statusCode(), response.body());
        String description = AdminApi.parse(response.body()).path("error_description").asText();
        assertTrue(description.startsWith(attribute + ": ") || description.contains("; " + attribute + ": "),
                attribute + " named in: " + description);
    }
}
