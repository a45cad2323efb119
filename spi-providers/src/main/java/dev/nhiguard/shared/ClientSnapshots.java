package dev.nhiguard.shared;

import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds {@link ClientSnapshot}s from Keycloak's model and from update requests. */
public final class ClientSnapshots {

    private ClientSnapshots() {
    }

    /** The client as stored (or as just saved, inside the request's transaction). */
    public static ClientSnapshot of(ClientModel client) {
        return new ClientSnapshot(
                client.getClientId(),
                client.isPublicClient(),
                client.isServiceAccountsEnabled(),
                client.isStandardFlowEnabled(),
                client.isImplicitFlowEnabled(),
                client.isDirectAccessGrantsEnabled(),
                client.isFullScopeAllowed(),
                client.getClientAuthenticatorType(),
                new HashMap<>(client.getAttributes()),
                List.copyOf(client.getClientScopes(true).keySet()),
                List.copyOf(client.getClientScopes(false).keySet()),
                client.getProtocolMappersStream().map(m -> m.getName() + " (" + m.getProtocolMapper() + ")").sorted().toList());
    }

    /**
     * The stored client for a token request: built once per request (several executors and events judge it) and
     * kept in the request's session, where the client cannot change.
     */
    public static ClientSnapshot forRequest(org.keycloak.models.KeycloakSession session, ClientModel client) {
        String key = "nhi.snapshot." + client.getId();
        Object kept = session.getAttribute(key);
        if (kept instanceof ClientSnapshot snapshot) {
            return snapshot;
        }
        ClientSnapshot snapshot = of(client);
        session.setAttribute(key, snapshot);
        return snapshot;
    }

    /**
     * The client as it will be once {@code update} is applied, the way Keycloak applies an update: fields the request
     * leaves out keep their stored values, sent attributes replace stored ones, a sent mapper list replaces the stored
     * mappers, and client scopes are untouched (they have endpoints of their own).
     */
    public static ClientSnapshot projected(ClientModel stored, ClientRepresentation update) {
        ClientSnapshot now = of(stored);
        Map<String, String> attributes = new HashMap<>(now.attributes());
        if (update.getAttributes() != null) {
            update.getAttributes().forEach((name, value) -> {
                if (value == null) {
                    attributes.remove(name);
                } else {
                    attributes.put(name, value);
                }
            });
        }
        List<String> mappers = now.clientMappers();
        if (update.getProtocolMappers() != null) {
            mappers = new ArrayList<>();
            for (ProtocolMapperRepresentation mapper : update.getProtocolMappers()) {
                mappers.add(mapper.getName() + " (" + mapper.getProtocolMapper() + ")");
            }
        }
        return new ClientSnapshot(
                now.clientId(),
                or(update::isPublicClient, now.publicClient()),
                Boolean.TRUE.equals(update.getAuthorizationServicesEnabled()) || or(update::isServiceAccountsEnabled, now.serviceAccountsEnabled()),
                or(update::isStandardFlowEnabled, now.standardFlowEnabled()),
                or(update::isImplicitFlowEnabled, now.implicitFlowEnabled()),
                or(update::isDirectAccessGrantsEnabled, now.directAccessGrantsEnabled()),
                or(update::isFullScopeAllowed, now.fullScopeAllowed()),
                update.getClientAuthenticatorType() != null ? update.getClientAuthenticatorType() : now.authenticatorType(),
                attributes,
                now.defaultScopes(),
                now.optionalScopes(),
                mappers);
    }

    private static boolean or(Supplier<Boolean> sent, boolean stored) {
        Boolean value = sent.get();
        return value != null ? value : stored;
    }
}
