package dev.nhiguard.http;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

import java.util.List;

/**
 * Query parameters read one way for every endpoint: a parameter sent twice is ambiguous (a proxy may keep the
 * first, a framework the last) and is refused, naming it; an empty value is a value, for the caller to refuse.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The parameter's one value, or null when it is not sent; 400 when it is sent more than once. */
    public static String single(KeycloakSession session, String name) {
        List<String> values = session.getContext().getUri().getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ErrorResponse.error(NhiMessages.format("nhiQueryRepeated", name), Response.Status.BAD_REQUEST);
        }
        return values.get(0);
    }

    /**
     * The dryRun of an endpoint that changes things: it changes them only on an explicit false, never on a missing or
     * empty value. {@code requiredMessage} is the endpoint's message for a missing one, which says what each value does.
     */
    public static boolean dryRun(KeycloakSession session, String requiredMessage) {
        String value = single(session, "dryRun");
        if (value == null) {
            throw ErrorResponse.error(NhiMessages.format(requiredMessage), Response.Status.BAD_REQUEST);
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ErrorResponse.error(NhiMessages.format("nhiBadDryRun", SafeText.echo(value, 20)), Response.Status.BAD_REQUEST);
        };
    }
}
