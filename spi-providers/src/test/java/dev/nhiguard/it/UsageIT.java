package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the inventory says about a machine identity's use after real token requests, once the node has flushed. */
@ExtendWith(KeycloakServerExtension.class)
class UsageIT {

    @Test
    void tokenRequestsShowAsLastUseRefusalsAddressCountsAndScopes(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "usage").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("reporting-bot")));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("idle-bot")));
        JsonNode unused = realm.inventoryEntry("reporting-bot");
        assertTrue(unused.get("lastUsed").isNull());
        assertEquals(0, unused.get("requests30d").asInt());
        assertTrue(unused.get("findings").toString().contains("NEVER_USED"));

        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        expect(200, api.clientCredentials(realm.name(), "reporting-bot", "s3cret-reporting-bot", "payments:read"));
        expect(200, api.clientCredentials(realm.name(), "reporting-bot", "s3cret-reporting-bot", "payments:read"));
        Instant lastSuccess = Instant.now();
        expect(400, api.clientCredentials(realm.name(), "reporting-bot", "s3cret-reporting-bot", "payments"));
        expect(401, api.clientCredentials(realm.name(), "reporting-bot", "wrong-secret", "payments:read"));
        api.flushUsage(realm.name());

        JsonNode entry = realm.inventoryEntry("reporting-bot");
        Instant lastUsed = Instant.parse(entry.get("lastUsed").asText());
        assertFalse(lastUsed.isBefore(start) || lastUsed.isAfter(lastSuccess), entry.toString());
        assertTrue(Instant.parse(entry.get("lastRefusal").asText()).isAfter(lastUsed.minusMillis(1)), entry.toString());
        assertEquals("127.0.0.1", entry.get("lastAddress").asText());
        assertEquals(2, entry.get("requests30d").asInt(), "successes only: " + entry);
        assertFalse(entry.get("findings").toString().contains("NEVER_USED"), entry.toString());

        JsonNode scopes = entry.get("scopeUsage");
        assertFalse(scopes.get("payments:read").get("lastGranted").isNull(), scopes.toString());
        assertTrue(scopes.get("payments:read").get("requestedInWindow").asBoolean());
        assertFalse(scopes.get("payments").get("lastRequested").isNull(), "asked for and refused: " + scopes);
        assertTrue(scopes.get("payments").get("lastGranted").isNull(), scopes.toString());
        assertTrue(scopes.get("payments:write").get("lastRequested").isNull());
        assertFalse(scopes.get("payments:write").get("requestedInWindow").asBoolean());

        JsonNode neverUsed = parse(expect(200, api.get(realm.path("/nhi-guard/inventory?finding=NEVER_USED"))).body());
        assertEquals("[\"idle-bot\"]", clientIds(neverUsed));
    }

    @Test
    void theCsvExportCarriesTheUsageColumns(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "usage-csv");
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("csv-bot")));
        expect(200, api.clientCredentials(realm.name(), "csv-bot", "s3cret-csv-bot", "payments:read"));
        api.flushUsage(realm.name());

        String csv = expect(200, api.get(realm.path("/nhi-guard/inventory/export?format=csv"))).body();
        String[] lines = csv.split("\r?\n");
        assertTrue(lines[0].contains("lastUsed") && lines[0].contains("requests30d") && lines[0].contains("scopeUsage"), lines[0]);
        assertTrue(lines[1].contains("payments:read=20"), "the scope and the day it was last asked for: " + lines[1]);
    }

    private static String clientIds(JsonNode inventory) {
        StringBuilder ids = new StringBuilder("[");
        inventory.forEach(e -> ids.append(ids.length() > 1 ? "," : "").append('"').append(e.get("clientId").asText()).append('"'));
        return ids.append(']').toString();
    }
}
