package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile or broken ownership attributes: a 400 that names the attribute, and nothing stored. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipBadInputIT {

    private AdminApi api;
    private String realm;

    @BeforeAll
    void realmWithPolicy(AdminApi api) {
        this.api = api;
        realm = api.createRealm("bad-input");
        api.createUser(realm, "alice", true, null);
        expect(201, api.createServiceAccountClient(realm, "robot", OwnerRequiredIT.valid()));
        api.enableOwnerRequired(realm, Map.of());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                // markup is no reason to refuse (text is escaped where shown); no user has this name, though
                Arguments.of("owner-markup", "nhi.owner", "<img src=x onerror=alert(1)>", "not a user of this realm"),
                Arguments.of("owner-control", "nhi.owner", "alice\u0000", "control"),
                Arguments.of("owner-newline", "nhi.owner", "alice\nadmin", "control"),
                Arguments.of("owner-bidi", "nhi.owner", "alice\u202Eevil", "control"),
                Arguments.of("owner-robot", "nhi.owner", "service-account-robot", "not a user of this realm"),
                Arguments.of("owner-long", "nhi.owner", "a".repeat(256), "at most 255"),
                Arguments.of("purpose-control", "nhi.purpose", "line one\r\nline two", "control"),
                Arguments.of("purpose-10k", "nhi.purpose", "x".repeat(10_000), "at most 500 characters allowed, got 10000"),
                Arguments.of("purpose-nbsp", "nhi.purpose", "\u00a0", "required for a service-account client"),
                Arguments.of("purpose-filler", "nhi.purpose", "\u3164\u2800", "required for a service-account client"),
                Arguments.of("date-13-45", "nhi.review-by", "2026-13-45", "'2026-13-45' is not a date"),
                Arguments.of("date-feb-30", "nhi.review-by", "2027-02-30", "is not a date"),
                Arguments.of("date-us", "nhi.review-by", "12/31/2026", "is not a date"),
                Arguments.of("date-time", "nhi.review-by", "2026-12-31T00:00:00Z", "is not a date"),
                Arguments.of("date-markup", "nhi.review-by", "<b>2026</b>", "'\\u003cb\\u003e2026\\u003c/b\\u003e' is not a date"),
                Arguments.of("group-markup", "nhi.owner-group", "/<team>", "is not a group path of this realm"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void refusedWithTheAttributeNamedAndNothingStored(String clientId, String attribute, String value, String reason) {
        HttpResponse<String> response = api.createServiceAccountClient(realm, clientId, OwnerRequiredIT.validWith(attribute, value));
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = parse(response.body());
        String description = error.get("error_description").asText();
        assertTrue(description.startsWith(attribute + ": "), description);
        assertTrue(description.contains(reason), description);
        boolean hostile = value.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>' || c == 0x202E);
        if (hostile) {
            assertFalse(description.contains(value), "hostile input not echoed raw: " + description);
        }
        assertFalse(api.clientExists(realm, clientId));
    }

    /** A purpose is text: angle brackets and ampersands are ordinary characters, stored as written and escaped where shown. */
    @org.junit.jupiter.api.Test
    void aPurposeMayHoldAngleBracketsAndAmpersands() {
        String purpose = "Syncs rates < 5/hour & <b>refunds</b>";
        expect(201, api.createServiceAccountClient(realm, "markup-purpose", OwnerRequiredIT.validWith("nhi.purpose", purpose)));
        assertEquals(purpose, api.client(realm, "markup-purpose").get("attributes").get("nhi.purpose").asText());
    }

    /**
     * Keycloak stores a client with authorization services as a service-account client: the ownership rule judges it
     * as one. Without that: saved ownerless if Keycloak's own set-up had not failed (a 500 in its authorization code).
     */
    @org.junit.jupiter.api.Test
    void aClientWithAuthorizationServicesIsJudgedAsTheMachineIdentityItBecomes() {
        var authz = AdminApi.JSON.createObjectNode().put("clientId", "authz-ownerless").put("authorizationServicesEnabled", true);
        HttpResponse<String> refused = api.post("/admin/realms/" + realm + "/clients", authz);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(parse(refused.body()).get("error_description").asText().startsWith("nhi.owner: "), refused.body());
        assertFalse(api.clientExists(realm, "authz-ownerless"));

        var owned = AdminApi.JSON.createObjectNode().put("clientId", "authz-owned").put("authorizationServicesEnabled", true);
        owned.set("attributes", AdminApi.JSON.valueToTree(OwnerRequiredIT.valid()));
        expect(201, api.post("/admin/realms/" + realm + "/clients", owned));
        assertTrue(api.client(realm, "authz-owned").get("serviceAccountsEnabled").asBoolean());
    }

    @ParameterizedTest(name = "update {0}")
    @MethodSource("badValues")
    void badUpdateLeavesTheStoredClientAsItWas(String clientId, String attribute, String value, String reason) {
        JsonNode before = api.client(realm, "robot");
        var update = before.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) update.get("attributes")).put(attribute, value);
        HttpResponse<String> response = api.put("/admin/realms/" + realm + "/clients/" + before.get("id").asText(), update);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith(attribute + ": "));
        assertEquals(before.get("attributes"), api.client(realm, "robot").get("attributes"));
    }
}
