package dev.nhiguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.ReviewApi.clientIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review permission matrix of docs/reviews.md, every cell: owners see and review exactly their own identities (named,
 * or through the owning group), another owner's identity answers as one that does not exist, owners reach nothing
 * else of the pack, admins reach everything their roles allow, admins of another realm nothing.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewAccessIT {

    private static final String PASSWORD = GovernedRealm.PASSWORD;

    private AdminApi api;
    private GovernedRealm realm;
    private ReviewApi reviews;
    private String otherRealm;
    private final Map<String, String> uuids = new java.util.HashMap<>();

    @BeforeAll
    void realmOwnersAndAdmins(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "review-access");
        reviews = new ReviewApi(api, realm.name());
        String dana = api.createUser(realm.name(), "dana", true, PASSWORD);
        api.createUser(realm.name(), "bob", true, PASSWORD);
        api.createUser(realm.name(), "plain", true, PASSWORD);
        expect(201, api.post(realm.path("/groups"), Map.of("name", "payments-team")));
        String team = AdminApi.parse(expect(200, api.get(realm.path("/groups?search=payments-team"))).body()).get(0).get("id").asText();
        expect(201, api.post(realm.path("/groups/" + team + "/children"), Map.of("name", "on-call")));
        String onCall = AdminApi.parse(expect(200, api.get(realm.path("/groups/" + team + "/children"))).body()).get(0).get("id").asText();
        expect(204, api.put(realm.path("/users/" + dana + "/groups/" + onCall), Map.of()));
        for (String role : List.of("view-clients", "manage-clients", "realm-admin")) {
            api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), role, true, PASSWORD), role);
        }
        client("alice-bot", Map.of("nhi.owner", "alice"));
        client("bob-bot", Map.of("nhi.owner", "bob"));
        client("team-bot", Map.of("nhi.owner", "bob", "nhi.owner-group", "/payments-team"));
        // values the inventory reads as no owner and no group; only a door the executors never see stores them
        imported("padded-bot", Map.of("nhi.owner", " alice"));
        imported("slash-bot", Map.of("nhi.owner", "bob", "nhi.owner-group", "/payments-team/"));
        otherRealm = api.createRealm("review-foreign");
        api.grantRealmManagementRole(otherRealm, api.createUser(otherRealm, "foreign-admin", true, PASSWORD), "realm-admin");
    }

    private void client(String clientId, Map<String, String> attributes) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        attributes.forEach(((ObjectNode) client.get("attributes"))::put);
        expect(201, api.post(realm.path("/clients"), client));
        uuids.put(clientId, api.clientUuid(realm.name(), clientId));
    }

    private void imported(String clientId, Map<String, String> attributes) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        attributes.forEach(((ObjectNode) client.get("attributes"))::put);
        expect(200, api.partialImport(realm.name(), "FAIL", client));
        uuids.put(clientId, api.clientUuid(realm.name(), clientId));
    }

    private String token(String username) {
        return reviews.tokenOf(username, PASSWORD);
    }

    private String foreignToken() {
        return api.passwordGrant(otherRealm, "admin-cli", "foreign-admin", PASSWORD).get("access_token").asText();
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource(delimiter = ';', value = {
            "alice; alice-bot",
            "bob; bob-bot,slash-bot,team-bot",
            "dana; team-bot",
            "plain; ''",
            "view-clients; alice-bot,bob-bot,padded-bot,slash-bot,team-bot",
            "manage-clients; alice-bot,bob-bot,padded-bot,slash-bot,team-bot",
            "realm-admin; alice-bot,bob-bot,padded-bot,slash-bot,team-bot"})
    void eachCallerSeesExactlyTheirIdentities(String caller, String expected) {
        List<String> seen = clientIds(reviews.queue(token(caller), null)).stream().sorted().toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), seen);
    }

    @ParameterizedTest(name = "{0} on {1}: history {2}, attest {3}")
    @CsvSource({
            // caller, client, GET history, POST attest
            "alice, alice-bot, 200, 201",
            "alice, bob-bot, 404, 404",
            "alice, team-bot, 404, 404",
            "dana, team-bot, 200, 201",
            "dana, alice-bot, 404, 404",
            "alice, padded-bot, 404, 404",
            "dana, slash-bot, 404, 404",
            "plain, alice-bot, 404, 404",
            "view-clients, alice-bot, 200, 403",
            "manage-clients, bob-bot, 200, 201",
            "realm-admin, team-bot, 200, 201"})
    void historyAndReviewFollowOwnership(String caller, String clientId, int history, int attest) {
        String bearer = token(caller);
        assertEquals(history, reviews.history(bearer, uuids.get(clientId)).statusCode(), "history");
        assertEquals(attest, reviews.decide(bearer, uuids.get(clientId), "attest", "checked by " + caller).statusCode(), "attest");
    }

    @Test
    void anotherOwnersClientAnswersExactlyLikeOneThatDoesNotExist() {
        String alice = token("alice");
        HttpResponse<String> others = reviews.history(alice, uuids.get("bob-bot"));
        HttpResponse<String> none = reviews.history(alice, UUID.randomUUID().toString());
        assertEquals(none.statusCode(), others.statusCode());
        assertEquals(none.body(), others.body());
        HttpResponse<String> reviewOthers = reviews.decide(alice, uuids.get("bob-bot"), "revoke", null);
        HttpResponse<String> reviewNone = reviews.decide(alice, UUID.randomUUID().toString(), "revoke", null);
        assertEquals(reviewNone.statusCode(), reviewOthers.statusCode());
        assertEquals(reviewNone.body(), reviewOthers.body());
        assertTrue(api.client(realm.name(), "bob-bot").get("enabled").asBoolean(), "nothing happened to bob-bot");
    }

    @Test
    void onlyTheNamedOwnerOrAnAdminHandsOver() {
        String team = uuids.get("team-bot");
        assertEquals(403, reviews.review(token("dana"), team, Map.of("decision", "reassign", "newOwner", "dana")).statusCode(),
                "a member of the owning group reviews it, but may not give it away");
        assertEquals("bob", api.client(realm.name(), "team-bot").get("attributes").get("nhi.owner").asText());
        assertEquals(403, reviews.review(token("view-clients"), team, Map.of("decision", "reassign", "newOwner", "alice")).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "dana", "plain"})
    void ownersReachNothingElseOfThePack(String owner) {
        String bearer = token(owner);
        String base = "/admin/realms/" + realm.name() + "/nhi-guard/";
        assertEquals(403, api.getAs(base + "inventory", bearer).statusCode(), "inventory");
        assertEquals(403, api.getAs(base + "settings", bearer).statusCode(), "settings");
        assertEquals(403, api.sendJson("PUT", base + "settings", Map.of("mode", "disable"), bearer).statusCode(), "change settings");
        assertEquals(403, api.sendJson("POST", base + "sweep", Map.of(), bearer).statusCode(), "sweep");
        assertEquals(403, api.sendJson("POST", base + "sweep?dryRun=true", Map.of(), bearer).statusCode(), "forecast");
        assertEquals(403, api.getAs(base + "audit", bearer).statusCode(), "audit");
        assertEquals(403, api.sendJson("POST", base + "reviews/reminders", Map.of(), bearer).statusCode(), "reminders");
        assertEquals(403, api.getAs("/admin/realms/" + realm.name() + "/clients/" + uuids.get("alice-bot"), bearer).statusCode(),
                "Keycloak's own client API stays closed to owners");
    }

    @Test
    void anotherRealmsAdminGetsNothing() {
        String bearer = foreignToken();
        assertEquals(403, reviews.queue(bearer, null).statusCode());
        assertEquals(403, reviews.history(bearer, uuids.get("alice-bot")).statusCode());
        assertEquals(403, reviews.decide(bearer, uuids.get("alice-bot"), "revoke", null).statusCode());
        assertTrue(api.client(realm.name(), "alice-bot").get("enabled").asBoolean());
    }

    @Test
    void strangersGet401() {
        assertEquals(401, reviews.queue(null, null).statusCode());
        assertEquals(401, reviews.history("not-a-token", uuids.get("alice-bot")).statusCode());
        assertEquals(401, reviews.decide(null, uuids.get("alice-bot"), "attest", null).statusCode());
    }

    @Test
    void aMachineIdentityCannotReviewItself() {
        String token = AdminApi.parse(expect(200, api.clientCredentials(realm.name(), "alice-bot", "s3cret-alice-bot")).body())
                .get("access_token").asText();
        assertEquals(403, reviews.queue(token, null).statusCode(), "a service account owns nothing and is no reviewer");
        assertEquals(403, reviews.decide(token, uuids.get("alice-bot"), "attest", null).statusCode());
    }
}
