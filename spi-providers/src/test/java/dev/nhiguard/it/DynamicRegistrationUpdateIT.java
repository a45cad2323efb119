package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An update through OpenID Connect dynamic registration ({@code PUT .../clients-registrations/openid-connect/{clientId}})
 * answers 500 in Keycloak 26.7.3 whenever the body carries {@code scope}, as the body of its own GET does: Keycloak
 * looks the client up by the wrong kind of id before any policy runs (keycloak#51311, fixed for 26.8). The pack does
 * not cause it, and cannot reach it; an update without {@code scope} works, on a governed client as on any other.
 */
@ExtendWith(KeycloakServerExtension.class)
class DynamicRegistrationUpdateIT {

    private static final String OIDC = "/clients-registrations/openid-connect";

    private static JsonNode register(AdminApi api, String realm, ObjectNode client) {
        String initialToken = parse(expect(201, api.post("/admin/realms/" + realm + "/clients-initial-access",
                Map.of("count", 1, "expiration", 600))).body()).get("token").asText();
        return parse(expect(201, api.sendJson("POST", "/realms/" + realm + "/clients-registrations/default", client, initialToken)).body());
    }

    private static HttpResponse<String> noOpUpdate(AdminApi api, String realm, JsonNode registered, boolean withScope) {
        String clientId = registered.get("clientId").asText();
        String token = registered.get("registrationAccessToken").asText();
        JsonNode current = parse(expect(200, api.getAs("/realms/" + realm + OIDC + "/" + clientId, token)).body());
        ObjectNode body = (ObjectNode) current.deepCopy();
        if (!withScope) {
            body.remove("scope");
        }
        body.remove("registration_access_token");
        return api.sendJson("PUT", "/realms/" + realm + OIDC + "/" + clientId, body, current.path("registration_access_token").asText(token));
    }

    @Test
    void keycloakItselfAnswers500ToAnUpdateCarryingScopeWithoutAnyPolicy() {
        String plain = api().createRealm("dcr-vanilla");
        JsonNode registered = register(api(), plain, AdminApi.serviceAccountClient("vanilla-bot", Map.of()));
        assertEquals(500, noOpUpdate(api(), plain, registered, true).statusCode(),
                "Keycloak's own bug (keycloak#51311); when this fails, Keycloak has fixed it: update docs/security.md");
    }

    @Test
    void aGovernedClientIsUpdatedWithoutScopeAndNeverAnswers500ForThePack() {
        GovernedRealm realm = GovernedRealm.create(api(), "dcr-update").withPolicies(Map.of("nhi-owner-required", Map.of()));
        JsonNode registered = register(api(), realm.name(), AdminApi.serviceAccountClient("registered-bot", OwnerRequiredIT.valid()));
        HttpResponse<String> response = noOpUpdate(api(), realm.name(), registered, false);
        assertNotEquals(500, response.statusCode(), response.body());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static AdminApi api;

    private static AdminApi api() {
        return api;
    }

    @org.junit.jupiter.api.BeforeAll
    static void server(AdminApi shared) {
        api = shared;
    }
}
