package dev.nhiguard.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One machine identity as the inventory API and its exports show it. Field names are part of the API;
 * empty fields are sent as null so every record has the same shape for SIEM and GRC parsers.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "clientId", "enabled", "created", "tier", "environment", "owner", "ownerState", "ownerId", "ownerGroup", "purpose",
        "reviewBy", "reviewOverdue", "clientAuthentication", "credentialType", "secretCreated", "secretCreatedFrom", "secretAgeDays", "secretExpires",
        "certificateBoundTokens", "senderConstraint", "certificateNotAfter", "defaultClientScopes", "optionalClientScopes", "realmRoles", "clientRoles",
        "groups", "adminRoles", "fullScopeAllowed", "grants", "clientMappers", "accessTokenLifespan", "keycloakTokenLifespan", "lastUsed", "lastRefusal", "lastFailedAuthentication", "lastAddress",
        "requests30d", "scopeUsage", "findings"})
public record InventoryEntry(
        String id,
        String clientId,
        boolean enabled,
        String created,
        String tier,
        String environment,
        String owner,
        /** active, disabled, missing (never a user, or the bound user is gone) or unverified (bound elsewhere: an import). */
        String ownerState,
        /** The id of the user the owner is bound to; null while unbound or when the name was no user's when bound. */
        String ownerId,
        String ownerGroup,
        String purpose,
        String reviewBy,
        boolean reviewOverdue,
        String clientAuthentication,
        /** What the client proves itself with: client_secret, private_key_jwt, tls_client_auth or federated; null for a public client. */
        String credentialType,
        /** When its shared secret was issued, ISO-8601; null when it authenticates with no shared secret. */
        String secretCreated,
        /** How that is known: keycloak (Keycloak recorded the secret's creation) or first-seen (the pack's first sight of it). */
        String secretCreatedFrom,
        Long secretAgeDays,
        /** When the secret expires under the realm's credential policy (or Keycloak's secret rotation, if sooner). */
        String secretExpires,
        boolean certificateBoundTokens,
        /** What its tokens are bound to: mtls (RFC 8705), dpop (RFC 9449), both, or none. */
        String senderConstraint,
        String certificateNotAfter,
        List<String> defaultClientScopes,
        List<String> optionalClientScopes,
        List<String> realmRoles,
        Map<String, List<String>> clientRoles,
        List<String> groups,
        List<String> adminRoles,
        boolean fullScopeAllowed,
        List<String> grants,
        List<String> clientMappers,
        /** Seconds its access tokens really live: Keycloak's lifespan, or the cap of a policy that certainly applies. */
        Integer accessTokenLifespan,
        /** Seconds Keycloak lets an access token live before any policy caps it; null when Keycloak cannot read the setting. */
        Integer keycloakTokenLifespan,
        /** When a token was last issued to it (any grant, any node), ISO-8601; null when never. */
        String lastUsed,
        /** When a token request of it was last refused. */
        String lastRefusal,
        /** When a request last named it but failed its authentication (a wrong or missing secret): no use of it. */
        String lastFailedAuthentication,
        /** The address of its last successful token request. */
        String lastAddress,
        /** Tokens issued to it in the last 30 days, all nodes. */
        long requests30d,
        /** Per scope it holds: when it was last asked for and granted, and whether asked for within the realm's unusedDays. */
        Map<String, ScopeUsage> scopeUsage,
        List<String> findings) {

    /** The use of one scope: last asked for in a scope parameter, last carried by a token (default scopes come unasked). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"lastRequested", "lastGranted", "requestedInWindow"})
    public record ScopeUsage(String lastRequested, String lastGranted, boolean requestedInWindow) {
    }
}
