package dev.nhiguard.shared;

import org.keycloak.models.ClientModel;
import org.keycloak.models.cache.CachedObject;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.ArrayList;
import java.util.Collections;
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
                Collections.unmodifiableMap(client.getAttributes()), // a copy already, whichever model answers; read only
                List.copyOf(client.getClientScopes(true).keySet()),
                List.copyOf(client.getClientScopes(false).keySet()),
                client.getProtocolMappersStream().map(m -> m.getName() + " (" + m.getProtocolMapper() + ")").sorted().toList());
    }

    /** How long a token-time reading is kept at most, for what Keycloak does not reload a client for (a scope renamed). */
    public static final long KEPT_MILLIS = 10_000L;

    /**
     * Readings of clients kept between requests. Stale on a cluster: never past a change Keycloak reloads the client
     * for (the cache timestamp differs then, on every node); up to {@link #KEPT_MILLIS} ms past one it does not reload
     * for (a client scope renamed).
     */
    static final class Readings {

        private record Kept(long cacheTimestamp, ClientSnapshot snapshot) {
        }

        private final NodeCache<String, Kept> kept;
        private final java.time.Clock clock;

        Readings(java.time.Clock clock) {
            this.kept = NodeCache.expiring(java.time.Duration.ofMillis(KEPT_MILLIS), NodeCache.PER_CLIENT, clock);
            this.clock = clock;
        }

        /**
         * The reading kept for the client's cache entry of {@code cacheTimestamp}, or {@code read} of {@code source} now
         * (a function and its argument rather than a closure: the token path makes no object for a reading it keeps).
         */
        <S> ClientSnapshot of(String clientUuid, long cacheTimestamp, S source, java.util.function.Function<S, ClientSnapshot> read) {
            Kept known = kept.get(clientUuid);
            if (known != null && known.cacheTimestamp() == cacheTimestamp) {
                return known.snapshot();
            }
            ClientSnapshot fresh = read.apply(source);
            // an entry loaded this very millisecond could share its timestamp with a reload right after it: not kept
            if (clock.millis() - cacheTimestamp > 1) {
                kept.put(clientUuid, new Kept(cacheTimestamp, fresh));
            }
            return fresh;
        }
    }

    private static final Readings KEPT = new Readings(PackClock.clock());

    /**
     * The stored client for a token request, read once per request (several executors and events judge it) and, on
     * a node with Keycloak's client cache, once per loading of the client into that cache: Keycloak reloads a client
     * on every node whenever it changes (an update, a partial import, a scope or mapper added or removed), and the
     * reading is kept only as long as the cache entry it came from, at most {@link #KEPT_MILLIS} ms.
     */
    public static ClientSnapshot forRequest(org.keycloak.models.KeycloakSession session, ClientModel client) {
        String key = "nhi.snapshot." + client.getId();
        Object inRequest = session.getAttribute(key);
        if (inRequest instanceof ClientSnapshot snapshot) {
            return snapshot;
        }
        ClientSnapshot snapshot = client instanceof CachedObject cached ? kept(client, cached.getCacheTimestamp()) : of(client);
        session.setAttribute(key, snapshot);
        return snapshot;
    }

    private static ClientSnapshot kept(ClientModel client, long cacheTimestamp) {
        return KEPT.of(client.getId(), cacheTimestamp, client, ClientSnapshots::of);
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
