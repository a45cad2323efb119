package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.RealmsScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/nhi-guard-realms.sh on the shared server, through the doors of the attack on it: a record it did not write, an
 * admin's changes between detach and attach, a realm too large for a command line, names made to fool a terminal, a
 * realm name with a line break, an admin who may only manage the realm. The round trip on a database without the pack
 * is {@code RollbackOnDatabase}'s.
 */
@ExtendWith(KeycloakServerExtension.class)
class RealmsScriptIT {

    /** What the script may touch: profiles, policies, theme, listeners (a set: Keycloak keeps no order) and attributes. */
    private static Map<String, Object> stateOf(AdminApi api, String realm) {
        JsonNode rep = parse(expect(200, api.get("/admin/realms/" + AdminApi.enc(realm))).body());
        TreeSet<String> listeners = new TreeSet<>();
        rep.path("eventsListeners").forEach(l -> listeners.add(l.asText()));
        return Map.of(
                "profiles", parse(expect(200, api.get("/admin/realms/" + AdminApi.enc(realm) + "/client-policies/profiles")).body()),
                "policies", parse(expect(200, api.get("/admin/realms/" + AdminApi.enc(realm) + "/client-policies/policies")).body()),
                "adminTheme", rep.path("adminTheme"),
                "listeners", listeners,
                "attributes", rep.path("attributes"));
    }

    private static GovernedRealm onboarded(AdminApi api, String prefix) {
        GovernedRealm realm = GovernedRealm.create(api, prefix);
        expect(200, api.post(realm.path("/nhi-guard/onboard?dryRun=false"), Map.of()));
        return realm;
    }

    private static RealmsScript.Outcome script(KeycloakServer server, String... args) {
        return RealmsScript.run(server.baseUri(), args);
    }

    private static void setRecord(AdminApi api, GovernedRealm realm, String record) {
        ObjectNode attributes = (ObjectNode) parse(expect(200, api.get(realm.path(""))).body()).get("attributes");
        attributes.put("nhi.detached", record);
        expect(204, api.put(realm.path(""), Map.of("attributes", attributes)));
    }

    @Test
    void aRecordTheScriptDidNotWriteIsRefusedAndCanBeSeenAndForgotten(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = onboarded(api, "script-planted");
        Map<String, Object> before = stateOf(api, realm.name());
        // a manage-realm admin plants a record that would add an executor, a policy, a listener and a theme of their choosing
        String planted = "{\"version\":1,\"profiles\":[{\"name\":\"nhi-governance\",\"removed\":[{\"index\":0,\"executor\":"
                + "{\"executor\":\"secure-client-authenticator\",\"configuration\":{}}}]}],\"policies\":[{\"name\":\"planted\",\"disabled\":false,"
                + "\"profiles\":[],\"removed\":{\"index\":0,\"policy\":{\"name\":\"planted\",\"enabled\":true,\"conditions\":[{\"condition\":"
                + "\"any-client\",\"configuration\":{}}],\"profiles\":[\"nhi-governance\"]}}}],\"listeners\":[\"email\"],\"adminTheme\":\"base\"}";
        List<String> wrong = List.of(planted, "{}", "[]", "\"text\"", "not json \u001b[2J", "{\"version\":1,\"profiles\":\"x\",\"policies\":[]}");
        for (String record : wrong) {
            setRecord(api, realm, record);
            Map<String, Object> planted0 = stateOf(api, realm.name());
            RealmsScript.Outcome attach = script(server, "attach", "--realm", realm.name());
            assertEquals(1, attach.exitCode(), attach.output());
            assertTrue(attach.output().contains(realm.name() + ": the realm attribute nhi.detached holds something this script did not write ("),
                    attach.output());
            assertFalse(attach.output().contains("\u001b"), "nothing of the record reaches the terminal raw: " + attach.output());
            RealmsScript.Outcome detach = script(server, "detach", "--realm", realm.name());
            assertEquals(1, detach.exitCode(), detach.output());
            assertTrue(detach.output().contains("holds something this script did not write"), detach.output());
            assertEquals(planted0, stateOf(api, realm.name()), "nothing written: " + record);
        }
        RealmsScript.Outcome seen = script(server, "forget", "--realm", realm.name(), "--dry-run");
        assertTrue(seen.output().contains("nhi.detached holds: {\"version\":1,\"profiles\":\"x\""), seen.output());
        RealmsScript.Outcome forgotten = script(server, "forget", "--realm", realm.name());
        assertEquals(0, forgotten.exitCode(), forgotten.output());
        assertEquals(before, stateOf(api, realm.name()), "the record gone, nothing else changed");
    }

    @Test
    void whatAnAdminChangesBetweenDetachAndAttachStaysAndNothingTakenIsLost(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "script-between").withRealmSettings(Map.of("adminTheme", "nhi-guard"));
        // two executors of one kind in one profile, between one of Keycloak's own
        ObjectNode profiles = JSON.createObjectNode();
        ArrayNode executors = profiles.putArray("profiles").addObject().put("name", "bound").putArray("executors");
        executors.addObject().put("executor", "nhi-mtls-binding").putObject("configuration").put("mode", "enforce")
                .putArray("sender-constraints").add("mtls");
        executors.addObject().put("executor", "confidential-client").putObject("configuration");
        executors.addObject().put("executor", "nhi-mtls-binding").putObject("configuration").put("mode", "report-only")
                .putArray("sender-constraints").add("dpop");
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        Map<String, Object> before = stateOf(api, realm.name());

        RealmsScript.Outcome detached = script(server, "detach", "--realm", realm.name());
        assertEquals(0, detached.exitCode(), detached.output());
        assertTrue(detached.output().contains("profile bound: remove executors nhi-mtls-binding, nhi-mtls-binding"), detached.output());
        expect(204, api.put(realm.path(""), Map.of("adminTheme", "base")));
        RealmsScript.Outcome attached = script(server, "attach", "--realm", realm.name());
        assertEquals(0, attached.exitCode(), attached.output());
        assertTrue(attached.output().contains("admin theme: left as base, which an admin chose since the detach"), attached.output());
        Map<String, Object> after = stateOf(api, realm.name());
        assertEquals(before.get("profiles"), after.get("profiles"), "both executors back where they were");
        assertEquals("base", ((JsonNode) after.get("adminTheme")).asText());

        // a profile renamed meanwhile: attach would put its executors nowhere; it stops instead
        GovernedRealm renamed = onboarded(api, "script-renamed");
        assertEquals(0, script(server, "detach", "--realm", renamed.name()).exitCode());
        ObjectNode stored = (ObjectNode) parse(expect(200, api.get(renamed.path("/client-policies/profiles"))).body());
        for (JsonNode profile : stored.get("profiles")) {
            if (profile.get("name").asText().equals("nhi-key-bound-tokens")) {
                ((ObjectNode) profile).put("name", "key-bound-v2");
            }
        }
        expect(204, api.put(renamed.path("/client-policies/profiles"), stored));
        Map<String, Object> renamedState = stateOf(api, renamed.name());
        RealmsScript.Outcome refused = script(server, "attach", "--realm", renamed.name());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("the record names profile nhi-key-bound-tokens, which no longer exist: nothing changed"),
                refused.output());
        assertEquals(renamedState, stateOf(api, renamed.name()));
    }

    @Test
    void aRealmTooLargeForACommandLineIsDetachedAndAttachedAgain(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = onboarded(api, "script-large");
        ObjectNode attributes = (ObjectNode) parse(expect(200, api.get(realm.path(""))).body()).get("attributes");
        attributes.put("large.setting", "x".repeat(300_000)); // one argument holds 128 KiB on Linux
        expect(204, api.put(realm.path(""), Map.of("attributes", attributes)));
        Map<String, Object> before = stateOf(api, realm.name());
        assertEquals(0, script(server, "detach", "--realm", realm.name()).exitCode());
        RealmsScript.Outcome attached = script(server, "attach", "--realm", realm.name());
        assertEquals(0, attached.exitCode(), attached.output());
        assertEquals(before, stateOf(api, realm.name()));
    }

    @Test
    void namesAreShownAsTheyAreNotAsATerminalWouldRunThem(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "script-names");
        ObjectNode profiles = JSON.createObjectNode();
        profiles.putArray("profiles").addObject().put("name", "x\u001b[2J\u001b[Hfake: nothing of NHI Guard to detach\u202e")
                .putArray("executors").addObject().put("executor", "nhi-scope-narrowing").putObject("configuration");
        expect(204, api.put(realm.path("/client-policies/profiles"), profiles));
        RealmsScript.Outcome dryRun = script(server, "detach", "--realm", realm.name(), "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.output());
        assertTrue(dryRun.output().contains("profile x\\u001b[2J\\u001b[Hfake: nothing of NHI Guard to detach\\u202e: remove executors"),
                dryRun.output());
        assertFalse(dryRun.output().contains("\u001b") || dryRun.output().contains("\u202e"), dryRun.output());

        // a realm name with a line break is one realm, shown as one line
        String name = "script-nl\ncontinued-" + realm.name().substring(realm.name().length() - 8);
        expect(201, api.post("/admin/realms", Map.of("realm", name, "enabled", true)));
        RealmsScript.Outcome all = script(server, "detach", "--all", "--dry-run");
        assertTrue(all.output().contains("script-nl\\u000acontinued-" + name.substring(name.length() - 8) + ": nothing of NHI Guard to detach"),
                all.output());
        assertFalse(all.output().contains("answered 404"), "no realm of half a name was asked for: " + all.output());
    }

    @Test
    void anAdminWhoMayOnlyManageTheRealmDetachesAndAttachesIt(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = onboarded(api, "script-rights");
        api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), "realm-manager", true, GovernedRealm.PASSWORD), "manage-realm");
        api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), "client-manager", true, GovernedRealm.PASSWORD), "manage-clients");
        Map<String, Object> before = stateOf(api, realm.name());

        String clients = api.passwordGrant(realm.name(), "admin-cli", "client-manager", GovernedRealm.PASSWORD).get("access_token").asText();
        RealmsScript.Outcome refused = RealmsScript.runWithToken(server.baseUri(), clients, "detach", "--realm", realm.name());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("answered 403"), refused.output());
        assertEquals(before, stateOf(api, realm.name()), "a client manager changes nothing");

        String manager = api.passwordGrant(realm.name(), "admin-cli", "realm-manager", GovernedRealm.PASSWORD).get("access_token").asText();
        RealmsScript.Outcome detached = RealmsScript.runWithToken(server.baseUri(), manager, "detach", "--realm", realm.name());
        assertEquals(0, detached.exitCode(), detached.output());
        RealmsScript.Outcome attached = RealmsScript.runWithToken(server.baseUri(), manager, "attach", "--realm", realm.name());
        assertEquals(0, attached.exitCode(), attached.output());
        assertEquals(before, stateOf(api, realm.name()));
    }
}
