package dev.nhiguard.inventory;

import java.util.List;
import java.util.Map;

/** What the store knows about one service-account client, read in bulk before any judgement is made. */
public record ClientFacts(
        String id,
        String clientId,
        boolean enabled,
        Long createdTimestamp,
        String authenticatorType,
        boolean fullScopeAllowed,
        int accessTokenLifespan,
        Map<String, String> attributes,
        List<String> defaultScopes,
        List<String> optionalScopes,
        List<String> realmRoles,
        Map<String, List<String>> clientRoles,
        List<String> groups,
        List<String> adminRoles) {
}
