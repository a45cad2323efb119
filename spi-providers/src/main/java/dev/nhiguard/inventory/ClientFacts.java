package dev.nhiguard.inventory;

import dev.nhiguard.credentials.SecretStanding;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.store.UsageRecords;

import java.util.List;
import java.util.Map;

/**
 * What the store knows about one service-account client, read in bulk before any judgement is made. {@code secret}:
 * how its shared secrets stand, for a client that authenticates with one (null otherwise, or when not read).
 */
public record ClientFacts(
        String id,
        boolean enabled,
        Long createdTimestamp,
        ClientSnapshot client,
        List<String> realmRoles,
        Map<String, List<String>> clientRoles,
        List<String> groups,
        List<String> adminRoles,
        UsageRecords.Summary usage,
        Map<String, UsageRecords.ScopeUse> scopeUses,
        UsageRecords.SeenCertificate certificate,
        SecretStanding secret) {

    /** When a token was last issued to it, on any node; null when never. */
    public Long lastUsed() {
        return usage == null ? null : usage.lastSuccess();
    }

    public String attribute(String name) {
        return client.attribute(name);
    }
}
