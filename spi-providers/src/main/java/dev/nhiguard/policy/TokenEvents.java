package dev.nhiguard.policy;

import dev.nhiguard.shared.NodeCache;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Event;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the pack's event listeners read of a token-endpoint event and its request, read one way for all of them. */
public final class TokenEvents {

    /** A machine client asks for the same few scope strings again and again: each is split once. */
    private static final NodeCache<String, Set<String>> PARSED = NodeCache.bounded(4096);

    private TokenEvents() {
    }

    /** Keycloak answered the request with tokens (its error events are the {@code *_ERROR} types). */
    public static boolean granted(Event event) {
        return event.getError() == null && !ERROR_TYPES.contains(event.getType());
    }

    private static final java.util.Set<org.keycloak.events.EventType> ERROR_TYPES = java.util.EnumSet.noneOf(org.keycloak.events.EventType.class);

    static {
        for (org.keycloak.events.EventType type : org.keycloak.events.EventType.values()) {
            if (type.name().endsWith("_ERROR")) {
                ERROR_TYPES.add(type);
            }
        }
    }

    /** The token endpoint has the authenticated client at hand already; other events name one to look up. */
    public static ClientModel clientOf(KeycloakSession session, Event event) {
        if (event.getClientId() == null) {
            return null;
        }
        ClientModel current = session.getContext().getClient();
        if (current != null && current.getClientId().equals(event.getClientId()) && current.getRealm().getId().equals(event.getRealmId())) {
            return current;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        return realm == null ? null : realm.getClientByClientId(event.getClientId());
    }

    /**
     * Keycloak makes a client the request's client only once it has authenticated (a wrong or missing secret leaves it
     * unset): a refusal before that is a stranger naming the client, and what it asked for is not this client's use.
     */
    public static boolean authenticated(KeycloakSession session, ClientModel client) {
        ClientModel current = session.getContext().getClient();
        return client != null && current != null && current.getId().equals(client.getId());
    }

    /** From the request itself: Keycloak's event says what was granted, not what was asked for. */
    public static Set<String> requestedScopes(KeycloakSession session, RequestNotes notes) {
        if (notes != null && notes.scopeNoted()) {
            return scopes(notes.scopeParameter());
        }
        try {
            HttpRequest request = session.getContext().getHttpRequest();
            MultivaluedMap<String, String> form = request == null ? null : request.getDecodedFormParameters();
            return form == null ? Set.of() : scopes(form.getFirst(OAuth2Constants.SCOPE));
        } catch (RuntimeException notAFormRequest) {
            return Set.of();
        }
    }

    /** A scope parameter as a set, bounded: at most 50 names of a parameter of at most 4 KB. */
    public static Set<String> scopes(String scope) {
        if (scope == null || scope.isBlank() || scope.length() > 4096) {
            return Set.of();
        }
        return PARSED.get(scope, s -> Set.copyOf(names(s.trim()).stream().limit(50).collect(Collectors.toSet())));
    }

    /** A scope parameter's names in order, split at runs of spaces (RFC 6749: scope = scope-token *( SP scope-token )). */
    public static List<String> names(String trimmed) {
        List<String> names = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= trimmed.length(); i++) {
            if (i == trimmed.length() || trimmed.charAt(i) == ' ') {
                if (i > start) {
                    names.add(trimmed.substring(start, i));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
