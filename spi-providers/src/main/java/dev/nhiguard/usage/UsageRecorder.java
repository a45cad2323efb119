package dev.nhiguard.usage;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sees every token request Keycloak answers (its events carry the grant type for every token-endpoint request, the
 * client, the address and, on success, the granted scope) and notes the service-account clients' ones in memory.
 */
final class UsageRecorder implements EventListenerProvider {

    private final KeycloakSession session;
    private final UsageBuffer buffer;

    UsageRecorder(KeycloakSession session, UsageBuffer buffer) {
        this.session = session;
        this.buffer = buffer;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, String> details = event.getDetails();
        String grant = details == null ? null : details.get(Details.GRANT_TYPE);
        if (grant == null || event.getClientId() == null || event.getRealmId() == null) {
            return; // not a token-endpoint request
        }
        ClientModel client = clientOf(event);
        if (client == null || !client.isServiceAccountsEnabled()) {
            return;
        }
        RealmModel realm = client.getRealm();
        boolean granted = event.getError() == null && !event.getType().name().endsWith("_ERROR");
        boolean authenticated = granted || isAuthenticated(client);
        buffer.add(new Observation(realm.getId(), client.getId(), event.getTime(), granted, authenticated, event.getIpAddress(), grant,
                authenticated ? requestedScopes() : Set.of(), granted ? scopes(details.get(Details.SCOPE)) : Set.of()));
    }

    /**
     * Keycloak makes a client the request's client only once it has authenticated (a wrong or missing secret leaves it
     * unset): a refusal before that is a stranger naming the client, and what it asked for is not this client's use.
     */
    private boolean isAuthenticated(ClientModel client) {
        ClientModel current = session.getContext().getClient();
        return current != null && current.getId().equals(client.getId());
    }

    /** The token endpoint has the authenticated client at hand already; other events name one to look up. */
    private ClientModel clientOf(Event event) {
        ClientModel current = session.getContext().getClient();
        if (current != null && current.getClientId().equals(event.getClientId()) && current.getRealm().getId().equals(event.getRealmId())) {
            return current;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        return realm == null ? null : realm.getClientByClientId(event.getClientId());
    }

    /** From the request itself: Keycloak's event says what was granted, not what was asked for. */
    private Set<String> requestedScopes() {
        try {
            HttpRequest request = session.getContext().getHttpRequest();
            MultivaluedMap<String, String> form = request == null ? null : request.getDecodedFormParameters();
            return form == null ? Set.of() : scopes(form.getFirst(OAuth2Constants.SCOPE));
        } catch (RuntimeException notAFormRequest) {
            return Set.of();
        }
    }

    /** A machine client asks for the same few scope strings again and again: each is split once. */
    private static final int PARSED_LIMIT = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Set<String>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> scopes(String scope) {
        if (scope == null || scope.isBlank() || scope.length() > 4096) {
            return Set.of();
        }
        Set<String> parsed = PARSED.get(scope);
        if (parsed == null) {
            parsed = Set.copyOf(Arrays.stream(scope.trim().split(" +")).limit(50).collect(Collectors.toSet()));
            if (PARSED.size() < PARSED_LIMIT) {
                PARSED.putIfAbsent(scope, parsed);
            }
        }
        return parsed;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
