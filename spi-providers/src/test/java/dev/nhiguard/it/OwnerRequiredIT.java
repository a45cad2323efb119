package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nhi-owner-required executor, through the admin REST API and dynamic client registration. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnerRequiredIT {

    private AdminApi api;
    private String realm;

    @BeforeAll
    void realmWithPolicy(AdminApi api) {
        this.api = api;
        realm = api.createRealm("owner-required");
        api.createUser(realm, "alice", true, null);
        api.createUser(realm, "carol", false, null);
        expect(201, api.post("/admin/realms/" + realm + "/groups", Map.of("name", "payments-team")));
        // created before the policy exists: refused tokens afterwards, until its owner is named
        expect(201, api.createServiceAccountClient(realm, "legacy-ownerless", Map.of()));
        api.enableOwnerRequired(realm, Map.of("max-review-days", 90));
    }

    static Map<String, String> valid() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", "alice");
        attributes.put("nhi.purpose", "Nightly ledger export to the data warehouse");
        attributes.put("nhi.review-by", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        return attributes;
    }

    static Map<String, String> validWith(String attribute, String value) {
        Map<String, String> attributes = valid();
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.put(attribute, value);
        }
        return attributes;
    }

    private void assertRefused(String clientId, Map<String, String> attributes, String attribute, String reasonFragment) {
        HttpResponse<String> response = api.createServiceAccountClient(realm, clientId, attributes);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = parse(response.body());
        assertEquals("invalid_client_metadata", error.get("error").asText(), response.body());
        String description = error.get("error_description").asText();
        assertTrue(description.startsWith(attribute + ": ") || description.contains("; " + attribute + ": "),
                "error names " + attribute + ": " + description);
        assertTrue(description.contains(reasonFragment), "reason '" + reasonFragment + "' in: " + description);
        assertFalse(api.clientExists(realm, clientId), "nothing stored for " + clientId);
    }

    @Test
    void acceptsAServiceAccountClientWithOwnerPurposeAndReviewDate() {
        Map<String, String> attributes = valid();
        attributes.put("nhi.owner-group", "/payments-team");
        expect(201, api.createServiceAccountClient(realm, "ledger-export", attributes));
        JsonNode stored = api.client(realm, "ledger-export").get("attributes");
        assertEquals("alice", stored.get("nhi.owner").asText());
        assertEquals("/payments-team", stored.get("nhi.owner-group").asText());
    }

    @Test
    void refusesMissingOwner() {
        assertRefused("no-owner", validWith("nhi.owner", null), "nhi.owner", "required");
    }

    @Test
    void refusesUnknownOwner() {
        assertRefused("ghost-owner", validWith("nhi.owner", "nobody-here"), "nhi.owner", "not a user of this realm");
    }

    @Test
    void refusesDisabledOwner() {
        assertRefused("disabled-owner", validWith("nhi.owner", "carol"), "nhi.owner", "disabled");
    }

    @Test
    void refusesUnknownOwnerGroup() {
        assertRefused("ghost-group", validWith("nhi.owner-group", "/no-such-team"), "nhi.owner-group", "not a group path");
    }

    @Test
    void refusesMissingPurpose() {
        assertRefused("no-purpose", validWith("nhi.purpose", null), "nhi.purpose", "required");
        assertRefused("blank-purpose", validWith("nhi.purpose", "   "), "nhi.purpose", "required");
    }

    @Test
    void refusesMissingPastAndTooDistantReviewDates() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertRefused("no-review", validWith("nhi.review-by", null), "nhi.review-by", "required");
        assertRefused("past-review", validWith("nhi.review-by", today.minusDays(1).toString()), "nhi.review-by", "in the past");
        // the policy in this realm allows 90 days, not the default 365
        assertRefused("far-review", validWith("nhi.review-by", today.plusDays(91).toString()), "nhi.review-by", "more than 90 days");
        expect(201, api.createServiceAccountClient(realm, "edge-review", validWith("nhi.review-by", today.plusDays(90).toString())));
    }

    @Test
    void namesEveryViolatedAttributeInOneAnswer() {
        Map<String, String> attributes = new HashMap<>();
        HttpResponse<String> response = api.createServiceAccountClient(realm, "nothing-at-all", attributes);
        assertEquals(400, response.statusCode());
        String description = parse(response.body()).get("error_description").asText();
        assertTrue(description.contains("nhi.owner:") && description.contains("nhi.purpose:") && description.contains("nhi.review-by:"),
                description);
    }

    @Test
    void updateThatDropsTheOwnerIsRefusedAndNothingChanges() {
        expect(201, api.createServiceAccountClient(realm, "to-update", valid()));
        ObjectNode client = (ObjectNode) api.client(realm, "to-update");
        ((ObjectNode) client.get("attributes")).put("nhi.owner", "");
        client.put("description", "changed");
        HttpResponse<String> response = api.put("/admin/realms/" + realm + "/clients/" + client.get("id").asText(), client);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith("nhi.owner: "));
        JsonNode stored = api.client(realm, "to-update");
        assertEquals("alice", stored.get("attributes").get("nhi.owner").asText());
        assertFalse(stored.has("description") && "changed".equals(stored.get("description").asText()));
    }

    @Test
    void updateThatLeavesAttributesOutKeepsTheStoredOnes() {
        expect(201, api.createServiceAccountClient(realm, "partial-update", valid()));
        JsonNode client = api.client(realm, "partial-update");
        ObjectNode update = AdminApi.JSON.createObjectNode().put("clientId", "partial-update").put("description", "only this");
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + client.get("id").asText(), update));
        assertEquals("only this", api.client(realm, "partial-update").get("description").asText());
    }

    @Test
    void anOwnerlessClientFromBeforeThePolicyGetsNoTokenAndIsToldWhy() {
        HttpResponse<String> token = api.clientCredentials(realm, "legacy-ownerless", "s3cret-legacy-ownerless");
        assertEquals(400, token.statusCode(), token.body());
        assertEquals("unauthorized_client", parse(token.body()).get("error").asText());
        assertTrue(parse(token.body()).get("error_description").asText()
                .startsWith("this client's ownership does not meet the governance policy: nhi.owner: "), token.body());
    }

    @Test
    void clientsWithoutServiceAccountAreNotItsBusiness() {
        ObjectNode browserApp = AdminApi.JSON.createObjectNode().put("clientId", "spa-frontend").put("publicClient", true)
                .put("serviceAccountsEnabled", false);
        expect(201, api.post("/admin/realms/" + realm + "/clients", browserApp));
    }

    @Test
    void dynamicClientRegistrationIsHeldToTheSameRules() {
        String initialToken = parse(expect(201, api.post("/admin/realms/" + realm + "/clients-initial-access",
                Map.of("count", 2, "expiration", 600))).body()).get("token").asText();
        ObjectNode refused = AdminApi.serviceAccountClient("dcr-ownerless", validWith("nhi.owner", null));
        HttpResponse<String> response = api.sendJson("POST", "/realms/" + realm + "/clients-registrations/default", refused, initialToken);
        // Keycloak answers every client-policy refusal during registration with 403 insufficient_scope
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith("nhi.owner: "), response.body());
        assertFalse(api.clientExists(realm, "dcr-ownerless"));

        ObjectNode accepted = AdminApi.serviceAccountClient("dcr-owned", valid());
        HttpResponse<String> ok = api.sendJson("POST", "/realms/" + realm + "/clients-registrations/default", accepted, initialToken);
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals("alice", api.client(realm, "dcr-owned").get("attributes").get("nhi.owner").asText());
    }

    @Test
    void anOutOfRangeOptionIsRefusedWhenTheProfileIsSaved() {
        String other = api.createRealm("owner-config");
        HttpResponse<String> response = api.saveProfile(other, "nhi-owner-required", Map.of("max-review-days", -5));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("nhi-owner-required: max-review-days: must be a whole number from 1 to 3650",
                parse(response.body()).get("errorMessage").asText());
    }
}
