package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a JWT's header and claims the way a resource server's debugger would; verifies nothing. */
public record Jwt(JsonNode header, JsonNode claims) {

    public static Jwt decode(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS compact serialization: " + token);
        }
        return new Jwt(part(parts[0]), part(parts[1]));
    }

    private static JsonNode part(String base64url) {
        return AdminApi.parse(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
    }
}
