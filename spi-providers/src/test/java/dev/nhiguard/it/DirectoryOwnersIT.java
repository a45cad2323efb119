package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Directory;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.LifecycleApi.actions;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Owners who live in a directory (a real LDAP server federated into the realm, accounts enabled and disabled as Active
 * Directory does it): disabled or removed there, an owner is judged the same way by the executors (save and token
 * time), the inventory, the sweep's owner rule and the reviews. Keycloak keeps an imported copy of each directory user
 * in its own table, which still says "enabled" after the directory changed; the pack must not read that copy as the
 * truth.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryOwnersIT {

    private static final String PASSWORD = "Directory-owner-1";

    private Directory directory;
    private AdminApi api;
    private LifecycleApi lifecycle;
    private GovernedRealm realm;
    private ReviewApi reviews;

    @BeforeAll
    void startDirectory() {
        directory = Directory.start();
    }

    @AfterAll
    void stopDirectory() {
        directory.close();
    }

    @BeforeEach
    void realmFederatingTheDirectory(AdminApi api) {
        this.api = api;
        this.lifecycle = new LifecycleApi(api);
        this.realm = GovernedRealm.create(api, "directory").withPolicies(Map.of("nhi-owner-required", Map.of()));
        directory.federateInto(api, realm.name());
        this.reviews = new ReviewApi(api, realm.name());
    }

    /** The realm's users come from a directory this test stops: gone with it, so no later sweep asks a closed port. */
    @AfterEach
    void removeRealm() {
        expect(204, api.delete("/admin/realms/" + realm.name()));
    }

    private String clientOwnedBy(String clientId, String owner) {
        expect(201, saveClientOwnedBy(clientId, owner));
        expect(200, api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId));
        return api.clientUuid(realm.name(), clientId);
    }

    private HttpResponse<String> saveClientOwnedBy(String clientId, String owner) {
        return saveClientOwnedByIn(realm, clientId, owner);
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(message), response.body());
    }

    @Test
    void anOwnerDisabledInTheDirectoryIsDisabledToTheExecutorsTheInventoryTheSweepAndTheReviews() {
        directory.addPerson("lena", PASSWORD);
        // saved without a token first: a token request that passes is remembered on the token path for up to 30 s,
        // and a directory sends Keycloak no event to forget it sooner (docs/operations.md, Owners from a directory)
        expect(201, saveClientOwnedBy("lena-bot", "lena"));
        String lenaBot = api.clientUuid(realm.name(), "lena-bot");
        String aliceBot = clientOwnedBy("alice-bot", "alice");
        assertEquals(List.of("lena-bot"), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("lena", PASSWORD), null)),
                "an owner from the directory reviews exactly their own clients");

        // the directory matches "lena " too (LDAP ignores surrounding spaces), but no user has that name
        assertRefused(saveClientOwnedBy("lena-bot-3", "lena "), "owner 'lena ' is not a user of this realm");
        assertRefused(reviews.review(api.adminToken(), aliceBot, Map.of("decision", "reassign", "newOwner", "lena ", "comment", "lena takes it")),
                "newOwner");

        directory.disable("lena");

        JsonNode entry = realm.inventoryEntry("lena-bot");
        assertEquals("disabled", entry.get("ownerState").asText(), entry.toString());
        assertTrue(entry.get("findings").toString().contains("OWNER_DISABLED"), entry.toString());
        assertTrue(reviews.itemOf(api.adminToken(), lenaBot).get("findings").toString().contains("OWNER_DISABLED"));
        assertRefused(reviews.review(api.adminToken(), aliceBot, Map.of("decision", "reassign", "newOwner", "lena", "comment", "lena takes it")),
                "newOwner: 'lena' is not an active user");
        assertRefused(saveClientOwnedBy("lena-bot-2", "lena"), "owner 'lena' is a disabled user");
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(13))));
        assertEquals(List.of("lena-bot:report:OWNER_GONE"), actions(lifecycle.forecast(realm.name(), today().plusDays(14))));
        expect(200, api.clientCredentials(realm.name(), "lena-bot", "s3cret-lena-bot")); // within the owner grace period

        directory.enable("lena");
        assertEquals("active", realm.inventoryEntry("lena-bot").get("ownerState").asText());
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(14))), "enabled again in the directory: nothing to expire");

        // a disabled owner's clients keep their tokens until the sweep retires them when the grace period ends
        directory.disable("lena");
        lifecycle.putSettings(realm.name(), Map.of("ownerGraceDays", 0, "mode", "disable"));
        assertEquals(List.of("lena-bot:disable:OWNER_GONE"), actions(lifecycle.sweep(realm.name())));
        assertFalse(api.client(realm.name(), "lena-bot").get("enabled").asBoolean());
        assertTrue(api.client(realm.name(), "alice-bot").get("enabled").asBoolean());
    }

    @Test
    void anOwnerRemovedFromTheDirectoryIsMissingToTheExecutorsTheInventoryTheSweepAndTheReviews() {
        directory.addPerson("omar", PASSWORD);
        clientOwnedBy("omar-bot", "omar");
        String aliceBot = clientOwnedBy("alice-bot", "alice");

        directory.remove("omar");

        // the inventory is asked first, while Keycloak's imported copy of omar is still in its user table
        JsonNode entry = realm.inventoryEntry("omar-bot");
        assertEquals("missing", entry.get("ownerState").asText(), entry.toString());
        assertTrue(entry.get("findings").toString().contains("OWNER_MISSING"), entry.toString());
        assertFalse(entry.get("findings").toString().contains("OWNER_DISABLED"), entry.toString());
        assertEquals(List.of("omar-bot:report:OWNER_GONE"), actions(lifecycle.forecast(realm.name(), today().plusDays(14))));
        assertRefused(reviews.review(api.adminToken(), aliceBot, Map.of("decision", "reassign", "newOwner", "omar", "comment", "omar takes it")),
                "newOwner: 'omar' is not an active user");
        assertRefused(saveClientOwnedBy("omar-bot-2", "omar"), "owner 'omar' is not a user of this realm");
        expect(200, api.clientCredentials(realm.name(), "omar-bot", "s3cret-omar-bot"));

        lifecycle.putSettings(realm.name(), Map.of("ownerGraceDays", 0, "mode", "disable"));
        assertRefused(api.clientCredentials(realm.name(), "omar-bot", "s3cret-omar-bot"), "nhi.owner");
        assertEquals(List.of("omar-bot:disable:OWNER_GONE"), actions(lifecycle.sweep(realm.name())));
    }

    /**
     * Ownership follows the person in a directory too: an account removed and made again under the same uid is a
     * new person (a new entry, a new user in Keycloak) and owns nothing of the old one's.
     */
    @Test
    void aDirectoryAccountMadeAgainUnderADepartedOwnersNameOwnsNothing() {
        directory.addPerson("ines", PASSWORD);
        clientOwnedBy("ines-bot", "ines");
        String boundTo = realm.inventoryEntry("ines-bot").get("ownerId").asText();

        directory.remove("ines");
        assertEquals("missing", realm.inventoryEntry("ines-bot").get("ownerState").asText(), "Keycloak drops its copy of the old account");
        directory.addPerson("ines", PASSWORD);

        JsonNode entry = realm.inventoryEntry("ines-bot");
        assertEquals("missing", entry.get("ownerState").asText(), "the new ines is somebody else: " + entry);
        assertEquals(boundTo, entry.get("ownerId").asText());
        assertEquals(List.of(), ReviewApi.clientIds(reviews.queue(reviews.tokenOf("ines", PASSWORD), null)));
        assertEquals(404, reviews.decide(reviews.tokenOf("ines", PASSWORD), api.clientUuid(realm.name(), "ines-bot"), "attest", null).statusCode());
    }

    @Test
    void aDirectoryThatDoesNotAnswerMakesNoOwnerGoneAndNoAnswerA500() {
        try (Directory down = Directory.start()) {
            GovernedRealm other = GovernedRealm.create(api, "directory-down").withPolicies(Map.of("nhi-owner-required", Map.of()));
            down.federateInto(api, other.name());
            down.addPerson("nadia", PASSWORD);
            expect(201, saveClientOwnedByIn(other, "nadia-bot", "nadia"));
            String uuid = api.clientUuid(other.name(), "nadia-bot");
            lifecycle.putSettings(other.name(), Map.of("ownerGraceDays", 0, "mode", "disable"));

            down.close();

            // Keycloak answers for a directory it cannot reach with a disabled copy of the user: taken for the truth, every
            // owner would look offboarded and a sweep would retire their clients
            String cannotRead = "the state of owner 'nadia' cannot be read: the user directory that holds it did not answer";
            assertUnavailable(api.get(other.path("/nhi-guard/inventory")), cannotRead);
            assertUnavailable(api.post(other.path("/nhi-guard/sweep?dryRun=true"), Map.of()), cannotRead);
            assertUnavailable(api.post(other.path("/nhi-guard/sweep?dryRun=false"), Map.of()), cannotRead);
            assertUnavailable(api.clientCredentials(other.name(), "nadia-bot", "s3cret-nadia-bot"), cannotRead);
            assertUnavailable(api.getAs(other.path("/nhi-guard/clients/" + uuid), api.adminToken()), cannotRead);
            assertUnavailable(saveClientOwnedByIn(other, "nadia-bot-2", "nadia"), cannotRead);
            assertFalse(api.clientExists(other.name(), "nadia-bot-2"));
            assertTrue(api.client(other.name(), "nadia-bot").get("enabled").asBoolean(), "a directory outage disables nothing");
            expect(204, api.delete("/admin/realms/" + other.name()));
        }
    }

    private static void assertUnavailable(HttpResponse<String> response, String message) {
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"temporarily_unavailable\"") && response.body().contains(message), response.body());
    }

    private HttpResponse<String> saveClientOwnedByIn(GovernedRealm target, String clientId, String owner) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner);
        return api.post(target.path("/clients"), client);
    }
}
