package dev.nhiguard.inventory;

import dev.nhiguard.shared.ClientSnapshot;

import java.util.List;
import java.util.Map;

/** What the store knows about one service-account client, read in bulk before any judgement is made. */
public record ClientFacts(
        String id,
        boolean enabled,
        Long createdTimestamp,
        ClientSnapshot client,
        List<String> realmRoles,
        Map<String, List<String>> clientRoles,
        List<String> groups,
        List<String> adminRoles) {

    public String attribute(String name) {
        return client.attribute(name);
    }
}
