package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ownership follows the person, not the name. Found by the fourth attack: a user created (or self-registered) with a
 * departed owner's username owned the departed owner's machine identities at once, with the right to attest and hand
 * them over, and the inventory showed the owner active again. The owner's user id is bound when ownership is set, and
 * every judge (inventory, reviews, hand-over, executors) reads the owner by it.
 */
@ExtendWith(KeycloakServerExtension.class)
class OwnerBindingIT {

    private static String userId(AdminApi api, String realm, String username) {
        return parse(expect(200, api.get("/admin/realms/" + realm + "/users?exact=true&username=" + username)).body()).get(0).get("id").asText();
    }

    private static ObjectNode ownedBy(String clientId, String owner) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner);
        return client;
    }

    @Test
    void aUserWhoTakesADepartedOwnersNameOwnsNothing(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-departed").withPolicies(Map.of("nhi-owner-required", Map.of()));
        String dana = api.createUser(realm.name(), "dana", true, GovernedRealm.PASSWORD);
        expect(201, api.post(realm.path("/clients"), ownedBy("dana-bot", "dana")));
        JsonNode bound = realm.inventoryEntry("dana-bot");
        assertEquals(dana, bound.get("ownerId").asText(), bound.toString());
        assertEquals("active", bound.get("ownerState").asText());

        expect(204, api.delete(realm.path("/users/" + dana)));
        String stranger = api.createUser(realm.name(), "dana", true, GovernedRealm.PASSWORD);
        JsonNode gone = realm.inventoryEntry("dana-bot");
        assertEquals("missing", gone.get("ownerState").asText(), "the owner left; the new dana is somebody else: " + gone);
        assertEquals(dana, gone.get("ownerId").asText());
        assertTrue(gone.get("findings").toString().contains("OWNER_MISSING"), gone.toString());

        ReviewApi reviews = new ReviewApi(api, realm.name());
        String strangerToken = reviews.tokenOf("dana", GovernedRealm.PASSWORD);
        String clientUuid = api.clientUuid(realm.name(), "dana-bot");
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(strangerToken, null)), "nothing to review for the new dana");
        assertEquals(404, reviews.decide(strangerToken, clientUuid, "attest", null).statusCode(), "nor to attest");
        assertEquals(404, reviews.review(strangerToken, clientUuid, Map.of("decision", "reassign", "newOwner", "dana")).statusCode());
        assertEquals("missing", realm.inventoryEntry("dana-bot").get("ownerState").asText());

        // an edit of anything else does not bind the name to whoever has it now
        ObjectNode edited = realm.storedWith("dana-bot", Map.of("nhi.purpose", "Still exports settled payments"));
        expect(204, api.put(realm.path("/clients/" + edited.get("id").asText()), edited));
        assertEquals("missing", realm.inventoryEntry("dana-bot").get("ownerState").asText());

        // an admin hands it over deliberately, to the new dana if that is who should own it now
        expect(201, reviews.review(api.adminToken(), clientUuid, Map.of("decision", "reassign", "newOwner", "dana")));
        JsonNode handedOver = realm.inventoryEntry("dana-bot");
        assertEquals(stranger, handedOver.get("ownerId").asText(), handedOver.toString());
        assertEquals("active", handedOver.get("ownerState").asText());
        assertEquals(List.of("dana-bot"), ReviewApi.clientIds(reviews.queue(strangerToken, null)));
    }

    @Test
    void aRenamedOwnerKeepsWhatTheyOwnAndTheirOldNameGivesNothing(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-renamed").withPolicies(Map.of("nhi-owner-required", Map.of()));
        expect(204, api.put(realm.path(""), Map.of("editUsernameAllowed", true)));
        String erin = api.createUser(realm.name(), "erin", true, GovernedRealm.PASSWORD);
        expect(201, api.post(realm.path("/clients"), ownedBy("erin-bot", "erin")));

        expect(204, api.put(realm.path("/users/" + erin), Map.of("username", "erin.renamed", "email", "erin.renamed@example.test")));
        api.createUser(realm.name(), "erin", true, GovernedRealm.PASSWORD);
        JsonNode entry = realm.inventoryEntry("erin-bot");
        assertEquals("active", entry.get("ownerState").asText(), entry.toString());
        assertEquals(erin, entry.get("ownerId").asText());

        ReviewApi reviews = new ReviewApi(api, realm.name());
        String renamed = reviews.tokenOf("erin.renamed", GovernedRealm.PASSWORD);
        JsonNode item = parse(expect(200, reviews.queue(renamed, null)).body()).get(0);
        assertEquals("erin-bot", item.get("clientId").asText());
        assertTrue(item.get("mayReassign").asBoolean(), item.toString());
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("erin", GovernedRealm.PASSWORD), null)),
                "the old name now belongs to somebody else, who owns nothing");
        expect(200, api.clientCredentials(realm.name(), "erin-bot", "s3cret-erin-bot", "payments:read"));
    }

    @Test
    void aBoundIdSentWithASaveCountsForNothing(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-forged").withPolicies(Map.of("nhi-owner-required", Map.of()));
        String alice = userId(api, realm.name(), "alice");
        String mallory = api.createUser(realm.name(), "mallory", true, GovernedRealm.PASSWORD);
        ObjectNode forged = ownedBy("forged-bot", "alice");
        ((ObjectNode) forged.get("attributes")).put("nhi.owner-id", mallory);
        expect(201, api.post(realm.path("/clients"), forged));
        assertEquals(alice, api.client(realm.name(), "forged-bot").get("attributes").get("nhi.owner-id").asText(), "bound by the name");

        ObjectNode edit = realm.storedWith("forged-bot", Map.of("nhi.owner-id", mallory));
        expect(204, api.put(realm.path("/clients/" + edit.get("id").asText()), edit));
        assertEquals(alice, api.client(realm.name(), "forged-bot").get("attributes").get("nhi.owner-id").asText(), "the pack's to write");
        assertEquals(alice, realm.inventoryEntry("forged-bot").get("ownerId").asText());
        ReviewApi reviews = new ReviewApi(api, realm.name());
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("mallory", GovernedRealm.PASSWORD), null)));

        // a new owner name is a deliberate re-assignment: bound to its user
        ObjectNode handOver = realm.storedWith("forged-bot", Map.of("nhi.owner", "mallory"));
        expect(204, api.put(realm.path("/clients/" + handOver.get("id").asText()), handOver));
        assertEquals(mallory, realm.inventoryEntry("forged-bot").get("ownerId").asText());
    }

    @Test
    void ownersOfARealmMovedFromAnotherKeycloakAreUnverifiedUntilAnAdminBindsThem(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-moved").withPolicies(Map.of("nhi-owner-required", Map.of()));
        String alice = userId(api, realm.name(), "alice");
        // as a realm export from another Keycloak carries it: bound to a user id this Keycloak never had
        String elsewhere = UUID.randomUUID().toString();
        ObjectNode moved = ownedBy("moved-bot", "alice");
        ((ObjectNode) moved.get("attributes")).put("nhi.owner-id", elsewhere);
        ObjectNode same = ownedBy("same-bot", "alice");
        ((ObjectNode) same.get("attributes")).put("nhi.owner-id", alice);
        expect(200, api.partialImport(realm.name(), "SKIP", moved, same));

        assertEquals("active", realm.inventoryEntry("same-bot").get("ownerState").asText(), "bound to a user this Keycloak has");
        JsonNode unverified = realm.inventoryEntry("moved-bot");
        assertEquals("unverified", unverified.get("ownerState").asText(), unverified.toString());
        assertTrue(unverified.get("findings").toString().contains("OWNER_UNVERIFIED"), unverified.toString());
        expect(200, api.clientCredentials(realm.name(), "moved-bot", "s3cret-moved-bot", "payments:read")); // not gone: it keeps working
        ReviewApi reviews = new ReviewApi(api, realm.name());
        String aliceToken = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
        assertEquals(List.of("same-bot"), ReviewApi.clientIds(reviews.queue(aliceToken, null)), "alice reviews what is bound to her");

        String rebind = realm.path("/nhi-guard/owners/rebind");
        assertAdminError(api.post(rebind, Map.of()), 400, "dryRun: required");
        JsonNode dryRun = parse(expect(200, api.post(rebind + "?dryRun=true", Map.of())).body());
        assertTrue(dryRun.get("dryRun").asBoolean());
        assertEquals(1, dryRun.get("clients").size(), dryRun.toString());
        JsonNode would = dryRun.get("clients").get(0);
        assertEquals("moved-bot", would.get("clientId").asText());
        assertEquals(elsewhere, would.get("boundBefore").asText());
        assertEquals(alice, would.get("boundNow").asText());
        assertEquals("unverified", realm.inventoryEntry("moved-bot").get("ownerState").asText(), "a dry run changes nothing");

        String auditorId = api.createUser(realm.name(), "viewer", true, GovernedRealm.PASSWORD);
        api.grantRealmManagementRole(realm.name(), auditorId, "view-clients");
        String viewer = api.passwordGrant(realm.name(), "admin-cli", "viewer", GovernedRealm.PASSWORD).get("access_token").asText();
        assertEquals(200, api.sendJson("POST", rebind + "?dryRun=true", Map.of(), viewer).statusCode());
        assertEquals(403, api.sendJson("POST", rebind + "?dryRun=false", Map.of(), viewer).statusCode(), "binding is for who manages clients");
        assertEquals(403, api.sendJson("POST", rebind + "?dryRun=true", Map.of(), aliceToken).statusCode(), "an owner is no admin");
        assertEquals(401, api.sendJson("POST", rebind + "?dryRun=true", Map.of(), null).statusCode());
        assertAdminError(api.post(rebind + "?dryRun=maybe", Map.of()), 400, "dryRun");
        assertAdminError(api.post(rebind + "?dryRun=true&dryRun=false", Map.of()), 400, "dryRun: sent more than once");
        assertAdminError(api.post(rebind + "?dryRun=true&clientId=no-such-bot", Map.of()), 400, "clientId 'no-such-bot'");

        JsonNode done = parse(expect(200, api.post(rebind + "?dryRun=false&clientId=moved-bot", Map.of())).body());
        assertEquals(alice, done.get("clients").get(0).get("boundNow").asText(), done.toString());
        JsonNode entry = realm.inventoryEntry("moved-bot");
        assertEquals("active", entry.get("ownerState").asText(), entry.toString());
        assertEquals(alice, entry.get("ownerId").asText());
        assertEquals(List.of("moved-bot", "same-bot"), ReviewApi.clientIds(reviews.queue(aliceToken, null)).stream().sorted().toList());
        assertEquals(0, parse(expect(200, api.post(rebind + "?dryRun=true", Map.of())).body()).get("clients").size());
    }

    /** Found by the fifth attack: an owner id made up in an import passed for an unverified owner of any name. */
    @Test
    void aMadeUpOwnerIdInAnImportStandsForNothingAtTheTokenEndpoint(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-madeup").withPolicies(Map.of("nhi-owner-required", Map.of()));
        ObjectNode disabledOwner = ownedBy("madeup-carol-bot", "carol");
        ((ObjectNode) disabledOwner.get("attributes")).put("nhi.owner-id", UUID.randomUUID().toString());
        ObjectNode noOwner = ownedBy("madeup-ghost-bot", "nobody-here");
        ((ObjectNode) noOwner.get("attributes")).put("nhi.owner-id", UUID.randomUUID().toString());
        expect(200, api.partialImport(realm.name(), "SKIP", disabledOwner, noOwner));

        assertEquals("disabled", realm.inventoryEntry("madeup-carol-bot").get("ownerState").asText(),
                "a binding nobody can verify never reads better than the name");
        dev.nhiguard.testsupport.Refusal.assertOAuthError(api.clientCredentials(realm.name(), "madeup-carol-bot", "s3cret-madeup-carol-bot",
                "payments:read"), 400, "unauthorized_client", "(OWNER_DISABLED)");
        assertEquals("unverified", realm.inventoryEntry("madeup-ghost-bot").get("ownerState").asText());
        // an import is judged as its creation would be, and a creation binds the owner by its name: no such user here
        dev.nhiguard.testsupport.Refusal.assertOAuthError(api.clientCredentials(realm.name(), "madeup-ghost-bot", "s3cret-madeup-ghost-bot",
                "payments:read"), 400, "unauthorized_client", "nhi.owner: owner not an active user (OWNER_MISSING)");
    }

    /** Found by the fifth attack: an OVERWRITE import without the export's nhi.owner-id bound the new user of a departed owner's name. */
    @Test
    void anImportThatReplacesAClientKeepsTheOwnerItWasBoundTo(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-overwrite").withPolicies(Map.of("nhi-owner-required", Map.of("mode", "report-only")));
        String eph = api.createUser(realm.name(), "eph", true, GovernedRealm.PASSWORD);
        expect(201, api.post(realm.path("/clients"), ownedBy("eph-bot", "eph")));
        expect(204, api.delete(realm.path("/users/" + eph)));
        api.createUser(realm.name(), "eph", true, GovernedRealm.PASSWORD);
        assertEquals("missing", realm.inventoryEntry("eph-bot").get("ownerState").asText());

        expect(200, api.partialImport(realm.name(), "OVERWRITE", ownedBy("eph-bot", "eph")));
        JsonNode replaced = realm.inventoryEntry("eph-bot");
        assertEquals("missing", replaced.get("ownerState").asText(), replaced.toString());
        assertEquals(eph, replaced.get("ownerId").asText());
        ReviewApi reviews = new ReviewApi(api, realm.name());
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("eph", GovernedRealm.PASSWORD), null)));
    }

    @Test
    void anOwnerBoundToNobodyStaysOwnerlessWhenAUserTakesTheName(AdminApi api) {
        GovernedRealm realm = GovernedRealm.create(api, "binding-nobody").withPolicies(Map.of("nhi-owner-required", Map.of("mode", "report-only")));
        expect(201, api.post(realm.path("/clients"), ownedBy("ghost-bot", "ghost"))); // report-only: saved, owner no user
        assertEquals("none", api.client(realm.name(), "ghost-bot").get("attributes").get("nhi.owner-id").asText());
        api.createUser(realm.name(), "ghost", true, GovernedRealm.PASSWORD);
        JsonNode entry = realm.inventoryEntry("ghost-bot");
        assertEquals("missing", entry.get("ownerState").asText(), entry.toString());
        ReviewApi reviews = new ReviewApi(api, realm.name());
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("ghost", GovernedRealm.PASSWORD), null)));
        assertEquals(JSON.nullNode(), entry.get("ownerId"), entry.toString());
    }
}
