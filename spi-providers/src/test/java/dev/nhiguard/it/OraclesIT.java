package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.LocalDate;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a caller nobody has authenticated as a person learns from the pack's answers: which setting to fix, never a
 * stored value, and nothing that tells users, groups or their states apart. And what an unauthenticated request may
 * record: nothing that counts as the client's use.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OraclesIT {

    private static final String REDIRECT = "http://127.0.0.1/oracle-callback";

    private AdminApi api;
    private GovernedRealm realm;

    @BeforeAll
    void realm(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "oracles").withDemoPolicies();
        expect(201, api.post(realm.path("/groups"), Map.of("name", "payments-team")));
    }

    private HttpResponse<String> registerAnonymously(String clientId, String owner, String ownerGroup) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner);
        if (ownerGroup != null) {
            ((ObjectNode) client.get("attributes")).put("nhi.owner-group", ownerGroup);
        }
        return api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default", client, null);
    }

    /** Without the pack's rule: an active, a disabled and an unknown owner got three different answers. */
    @Test
    void anonymousRegistrationTellsNoUserOrGroupApart() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(registerAnonymously("anon-active", "alice", "/payments-team"));
        answers.add(registerAnonymously("anon-disabled", "carol", "/payments-team"));
        answers.add(registerAnonymously("anon-unknown", "nobody-here", "/no-such-team"));
        for (HttpResponse<String> answer : answers) {
            assertEquals(answers.get(0).statusCode(), answer.statusCode(), answer.body());
            assertEquals(answers.get(0).body(), answer.body(), "one answer for all");
        }
        assertEquals(403, answers.get(0).statusCode(), answers.get(0).body());
        assertTrue(answers.get(0).body().contains("cannot be registered anonymously"), answers.get(0).body());
        for (String clientId : List.of("anon-active", "anon-disabled", "anon-unknown")) {
            assertFalse(api.clientExists(realm.name(), clientId), clientId);
        }
    }

    /** Lets anonymous registration through Keycloak's own Trusted Hosts policy from this machine, as an admin may. */
    private void trustThisHostForAnonymousRegistration() {
        for (JsonNode component : parse(expect(200, api.get(realm.path(
                "/components?type=org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"))).body())) {
            if ("trusted-hosts".equals(component.get("providerId").asText())) {
                ObjectNode trusted = (ObjectNode) component.deepCopy();
                ObjectNode config = trusted.putObject("config");
                config.putArray("trusted-hosts").add("127.0.0.1").add("localhost");
                config.putArray("host-sending-registration-request-must-match").add("true");
                config.putArray("client-uris-must-match").add("false");
                expect(204, api.put(realm.path("/components/" + component.get("id").asText()), trusted));
            }
        }
    }

    /**
     * Registered anonymously as an ordinary client, then turned into a machine identity with the registration access
     * token Keycloak handed back: still an anonymous registration, refused with the one answer, whatever the owner.
     * Without the rule: 200 for an active owner (a working machine identity nobody answers for) and 403 naming the
     * fault for an unknown one, an oracle of active users.
     */
    @Test
    void anAnonymousRegistrationsTokenCannotMakeItAMachineIdentity() {
        trustThisHostForAnonymousRegistration();
        List<String> answers = new ArrayList<>();
        for (String owner : List.of("alice", "nobody-here", "carol")) {
            String clientId = "anon-then-" + owner;
            ObjectNode plain = AdminApi.JSON.createObjectNode().put("clientId", clientId).put("standardFlowEnabled", false)
                    .put("directAccessGrantsEnabled", false).put("fullScopeAllowed", false);
            plain.putArray("defaultClientScopes").add("basic");
            plain.putObject("attributes").put("access.token.header.type.rfc9068", "true");
            JsonNode registered = parse(expect(201, api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default",
                    plain, null)).body());
            ObjectNode update = (ObjectNode) registered.deepCopy();
            update.put("serviceAccountsEnabled", true);
            ObjectNode attributes = update.has("attributes") ? (ObjectNode) update.get("attributes") : update.putObject("attributes");
            attributes.put("nhi.owner", owner).put("nhi.purpose", "anonymous").put("nhi.review-by", LocalDate.now().plusDays(30).toString())
                    .put("access.token.header.type.rfc9068", "true");
            HttpResponse<String> response = api.sendJson("PUT", "/realms/" + realm.name() + "/clients-registrations/default/" + clientId,
                    update, registered.get("registrationAccessToken").asText());
            assertEquals(403, response.statusCode(), response.body());
            answers.add(response.body());
            assertFalse(api.client(realm.name(), clientId).get("serviceAccountsEnabled").asBoolean(), clientId + " stays no machine identity");
        }
        assertEquals(1, answers.stream().distinct().count(), "one answer whatever the owner: " + answers);
        assertTrue(answers.get(0).contains("cannot be registered anonymously"), answers.get(0));
    }

    /**
     * Keycloak gives a client with authorization services a service account whatever the request says: asking for
     * authorization services is asking for a machine identity. Found by the second attack: without the rule, 201 and a
     * machine identity owned by whoever the stranger named.
     */
    @Test
    void anAnonymousClientWithAuthorizationServicesIsAMachineIdentityToo() {
        trustThisHostForAnonymousRegistration();
        for (String owner : List.of("alice", "nobody-here")) {
            ObjectNode authz = GovernedRealm.compliantClient("anon-authz-" + owner);
            authz.remove("serviceAccountsEnabled");
            authz.put("authorizationServicesEnabled", true);
            ((ObjectNode) authz.get("attributes")).put("nhi.owner", owner);
            HttpResponse<String> response = api.sendJson("POST", "/realms/" + realm.name() + "/clients-registrations/default", authz, null);
            assertEquals(403, response.statusCode(), response.body());
            assertTrue(response.body().contains("cannot be registered anonymously"), response.body());
            assertFalse(api.clientExists(realm.name(), "anon-authz-" + owner));
        }
    }

    /** A client stored past the policies (partial import) whose owner and group are not acceptable. */
    private void importWithOwner(String clientId, String owner) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner).put("nhi.owner-group", "/secret-team-name")
                .put("nhi.review-by", "2031-13-40");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
    }

    /** Without the pack's rule: the description named 'ghost-owner-7', '/secret-team-name' and '2031-13-40'. */
    @Test
    void theTokenEndpointNamesTheSettingNotItsValue() {
        importWithOwner("ghost-bot", "ghost-owner-7");
        HttpResponse<String> response = api.clientCredentials(realm.name(), "ghost-bot", "s3cret-ghost-bot", "payments:read");
        JsonNode body = assertOAuthError(response, 400, "unauthorized_client", "nhi.owner: owner not an active user");
        String description = body.get("error_description").asText();
        assertTrue(description.contains("nhi.owner-group: ownership not acceptable"), description);
        assertTrue(description.contains("nhi.review-by: no review date"), description);
        for (String value : List.of("ghost-owner-7", "secret-team-name", "2031-13-40")) {
            assertFalse(description.contains(value), value + " echoed: " + description);
        }
    }

    @Test
    void theAuthorizationEndpointsErrorRedirectNamesNoValueEither() {
        ObjectNode client = GovernedRealm.compliantClient("ghost-web-bot");
        client.put("standardFlowEnabled", true).putArray("redirectUris").add(REDIRECT);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", "ghost-owner-8");
        // only the ownership policy, so that it is the one answering (least privilege would refuse the flow itself first)
        GovernedRealm ownershipOnly = GovernedRealm.create(api, "oracle-authz").withPolicies(Map.of("nhi-owner-required", Map.of()));
        expect(200, api.partialImport(ownershipOnly.name(), "OVERWRITE", client));
        HttpResponse<String> response = Http.send(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                HttpRequest.newBuilder(api.base().resolve("/realms/" + ownershipOnly.name() + "/protocol/openid-connect/auth?client_id=ghost-web-bot"
                        + "&redirect_uri=" + AdminApi.enc(REDIRECT) + "&response_type=code&scope=openid&state=s1")).GET().build());
        assertEquals(302, response.statusCode(), response.body());
        String location = URLDecoder.decode(response.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(location.contains("error=unauthorized_client"), location);
        assertTrue(location.contains("nhi.owner: owner not an active user"), location);
        assertFalse(location.contains("ghost-owner-8"), location);

        // found by the fifth attack: a disabled owner read OWNER_DISABLED there, an unknown one OWNER_MISSING; alike now
        api.createUser(ownershipOnly.name(), "left-owner", false, null);
        ObjectNode disabledOwner = GovernedRealm.compliantClient("left-web-bot");
        disabledOwner.put("standardFlowEnabled", true).putArray("redirectUris").add(REDIRECT);
        ((ObjectNode) disabledOwner.get("attributes")).put("nhi.owner", "left-owner");
        expect(200, api.partialImport(ownershipOnly.name(), "OVERWRITE", disabledOwner));
        HttpResponse<String> disabled = Http.send(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                HttpRequest.newBuilder(api.base().resolve("/realms/" + ownershipOnly.name() + "/protocol/openid-connect/auth?client_id=left-web-bot"
                        + "&redirect_uri=" + AdminApi.enc(REDIRECT) + "&response_type=code&scope=openid&state=s1")).GET().build());
        String disabledLocation = URLDecoder.decode(disabled.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(disabledLocation.contains("nhi.owner: owner not an active user (OWNER_MISSING)"), disabledLocation);
        assertFalse(disabledLocation.contains("OWNER_DISABLED"), disabledLocation);
    }

    /** Without the escape: the Cyrillic a and the no-break space came back as they were, indistinguishable from 'alice '. */
    @Test
    void anAdminSaveErrorShowsLookAlikeAndInvisibleCharactersForWhatTheyAre() {
        ObjectNode client = GovernedRealm.compliantClient("lookalike-bot");
        ((ObjectNode) client.get("attributes")).put("nhi.owner", "\u0430lice").put("nhi.owner-group", "/payments\u00a0team");
        HttpResponse<String> response = api.post(realm.path("/clients"), client);
        assertEquals(400, response.statusCode(), response.body());
        String description = parse(response.body()).get("error_description").asText();
        assertTrue(description.contains("\\u0430lice"), description);
        assertTrue(description.contains("/payments\\u00a0team"), description);
        assertFalse(description.contains("\u0430") || description.contains("\u00a0"), description);
    }

    /** Without the rule: a request with a wrong secret marked payments:write as asked for, hiding its UNUSED_SCOPE. */
    @Test
    void aRequestThatFailsAuthenticationIsNoUseOfTheClient() {
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("probed-bot")));
        expect(401, api.clientCredentials(realm.name(), "probed-bot", "wrong-secret", "payments:write"));
        expect(401, api.form("/realms/" + realm.name() + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", "probed-bot", "scope", "payments:read")));
        api.flushUsage(realm.name());
        JsonNode entry = realm.inventoryEntry("probed-bot");
        assertTrue(entry.get("scopeUsage").get("payments:write").get("lastRequested").isNull(), entry.toString());
        assertTrue(entry.get("scopeUsage").get("payments:read").get("lastRequested").isNull(), entry.toString());
        assertTrue(entry.get("lastRefusal").isNull(), "no refusal of this client: " + entry);
        assertFalse(entry.get("lastFailedAuthentication").isNull(), "kept apart: " + entry);
        assertTrue(entry.get("lastUsed").isNull(), entry.toString());
    }
}
