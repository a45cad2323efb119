package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A realm's expiry settings through the pack's endpoint and through realm JSON: defaults, changes, and named refusals. */
@ExtendWith(KeycloakServerExtension.class)
class ExpirySettingsIT {

    private static final String DEFAULTS = "{\"mode\":\"report\",\"unusedDays\":90,\"reviewGraceDays\":14,\"ownerGraceDays\":14,"
            + "\"deleteAfterDays\":30,\"sweepIntervalHours\":24,\"reviewIntervalDays\":90,\"reminderDays\":14,"
            + "\"anomalyLearningHours\":168,\"anomalyBaselineDays\":30,\"anomalyIpv4Prefix\":24,\"anomalyIpv6Prefix\":64,"
            + "\"anomalyRateMultiple\":10,\"anomalyRateFloor\":100,\"anomalyRefusalBurst\":20}";

    private AdminApi api;
    private LifecycleApi lifecycle;
    private String realm;

    @BeforeEach
    void realm(AdminApi api) {
        this.api = api;
        this.lifecycle = new LifecycleApi(api);
        this.realm = api.createRealm("settings");
    }

    private String settingsPath() {
        return "/admin/realms/" + realm + "/nhi-guard/settings";
    }

    @Test
    void aNewRealmReportsTheDefaults() {
        assertEquals(DEFAULTS, lifecycle.settings(realm).toString());
    }

    @Test
    void keysLeftOutKeepTheirValueAndTheSettingsTravelInTheRealmsJson() {
        api.put("/admin/realms/" + realm, Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true));

        JsonNode changed = lifecycle.putSettings(realm, Map.of("mode", "disable", "ownerGraceDays", 0));

        assertEquals("disable", changed.get("mode").asText());
        assertEquals(0, changed.get("ownerGraceDays").asInt());
        assertEquals(90, changed.get("unusedDays").asInt());
        assertEquals(changed, lifecycle.settings(realm));
        JsonNode attributes = parse(expect(200, api.get("/admin/realms/" + realm)).body()).get("attributes");
        assertEquals("disable", attributes.get("nhi.expiry.mode").asText());
        assertEquals("0", attributes.get("nhi.expiry.owner-grace-days").asText());
        JsonNode events = parse(expect(200, api.get("/admin/realms/" + realm + "/admin-events?resourceTypes=REALM")).body());
        assertTrue(events.toString().contains("nhi-guard/settings"), "the change is an admin event: " + events);
    }

    @Test
    void everyBadValueIsNamedAndNothingIsChanged() {
        HttpResponse<String> refused = api.put(settingsPath(), Map.of("mode", "purge", "unusedDays", 0, "deleteAfterDays", "30",
                "sweepIntervalHours", 1.5, "colour", "red"));

        assertEquals(400, refused.statusCode(), refused.body());
        String message = parse(refused.body()).get("errorMessage").asText();
        for (String named : new String[] {"mode: 'purge'", "unusedDays: must be a whole number from 1 to 3650",
                "deleteAfterDays", "sweepIntervalHours", "colour: not a setting"}) {
            assertTrue(message.contains(named), named + " in " + message);
        }
        assertEquals(DEFAULTS, lifecycle.settings(realm).toString());
    }

    @Test
    void aBodyThatIsNoObjectIsRefusedCleanly() {
        assertAdminError(api.put(settingsPath(), "[1, 2]"), 400, "the settings must be a JSON object");
        HttpResponse<String> broken = api.put(settingsPath(), "{\"mode\": ");
        assertAdminError(broken, 400, "the body is not one JSON value: ");
        assertFalse(broken.body().contains("Exception"), broken.body());
    }

    @Test
    void realmJsonWithAnUnreadableSettingIsRefusedNamingTheAttribute() {
        HttpResponse<String> update = api.put("/admin/realms/" + realm, Map.of("attributes",
                Map.of("nhi.expiry.unused-days", "ninety", "nhi.expiry.mode", "disable")));

        assertEquals(400, update.statusCode(), update.body());
        assertTrue(update.body().contains("nhi.expiry.unused-days"), update.body());
        assertEquals(DEFAULTS, lifecycle.settings(realm).toString(), "the mode in the same request was not written either");

        String name = "settings-import-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> create = api.post("/admin/realms", Map.of("realm", name, "enabled", true,
                "attributes", Map.of("nhi.expiry.mode", "delete-everything")));
        assertEquals(400, create.statusCode(), create.body());
        assertTrue(create.body().contains("nhi.expiry.mode"), create.body());
        assertEquals(404, api.get("/admin/realms/" + name).statusCode(), "no half-imported realm stays behind");
    }

    @Test
    void realmJsonWithGoodSettingsIsTheirSecondDoor() {
        String name = "settings-json-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, api.post("/admin/realms", Map.of("realm", name, "enabled", true,
                "attributes", Map.of("nhi.expiry.mode", "disable-then-delete", "nhi.expiry.delete-after-days", "60"))));

        JsonNode settings = lifecycle.settings(name);
        assertEquals("disable-then-delete", settings.get("mode").asText());
        assertEquals(60, settings.get("deleteAfterDays").asInt());
    }
}
