package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory API against a realm holding service-account clients in every state. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryIT {

    private AdminApi api;
    private String realm;
    private String inventory;
    private String expiringNotAfter;

    @BeforeAll
    void realmWithEveryKindOfClient(AdminApi api) {
        this.api = api;
        realm = api.createRealm("inventory");
        inventory = "/admin/realms/" + realm + "/nhi-guard/inventory";
        api.createUser(realm, "alice", true, null);
        api.createUser(realm, "carol", false, null);
        String soon = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

        create("a-owned", Map.of("nhi.owner", "alice", "nhi.purpose", "Sync, \"nightly\"", "nhi.review-by", soon));
        ObjectNode keycloakDefaults = AdminApi.serviceAccountClient("b-ownerless", Map.of());
        keycloakDefaults.remove("directAccessGrantsEnabled"); // Keycloak's default: the password grant is on
        expect(201, api.post("/admin/realms/" + realm + "/clients", keycloakDefaults));
        create("c-disabled-owner", Map.of("nhi.owner", "carol", "nhi.purpose", "Reports", "nhi.review-by", soon));
        create("d-missing-owner", Map.of("nhi.owner", "ghost", "nhi.purpose", "Reports", "nhi.review-by", soon));
        create("e-robot-owner", Map.of("nhi.owner", "service-account-a-owned", "nhi.purpose", "Reports", "nhi.review-by", soon));
        create("f-overdue", Map.of("nhi.owner", "alice", "nhi.purpose", "=HYPERLINK(\"http://evil.test\")", "nhi.review-by", "2026-01-01"));
        create("g-admin", Map.of("nhi.owner", "alice", "nhi.purpose", "User sync", "nhi.review-by", soon));
        api.grantRealmManagementRole(realm, serviceAccountUserId("g-admin"), "view-users");
        create("h-composite-admin", Map.of("nhi.owner", "alice", "nhi.purpose", "Ops", "nhi.review-by", soon));
        grantCompositeAdminRole("h-composite-admin");
        createTightClient("i-tight", soon);
        create("j-old-secret", Map.of("nhi.owner", "alice", "nhi.purpose", "Old", "nhi.review-by", soon));
        ageSecret("j-old-secret", 200);
        ScopeNarrowingIT.createPaymentScopes(api, realm);
        ObjectNode broad = AdminApi.serviceAccountClient("k-broad", Map.of("nhi.owner", "alice", "nhi.purpose", "Payments",
                "nhi.review-by", soon, "access.token.lifespan", "3600"));
        broad.putArray("optionalClientScopes").add("payments").add("payments:read");
        expect(201, api.post("/admin/realms/" + realm + "/clients", broad));
        create("l-unbound-critical", Map.of("nhi.owner", "alice", "nhi.purpose", "Treasury", "nhi.review-by", soon,
                "nhi.tier", "critical", "nhi.environment", "prod"));
        TestPki.Issued expiring = TestPki.create().issue("CN=m-expiring-cert", false, Duration.ofDays(10));
        ObjectNode jwtClient = AdminApi.serviceAccountClient("m-expiring-cert", Map.of("nhi.owner", "alice", "nhi.purpose", "Ledger",
                "nhi.review-by", soon, "jwt.credential.certificate", expiring.certificatePem(), "dpop.bound.access.tokens", "true"));
        jwtClient.put("clientAuthenticatorType", "client-jwt");
        expect(201, api.post("/admin/realms/" + realm + "/clients", jwtClient));
        expiringNotAfter = expiring.certificate().getNotAfter().toInstant().toString();
        create("n-group-admin", Map.of("nhi.owner", "alice", "nhi.purpose", "Ops via group", "nhi.review-by", soon));
        grantAdminRoleThroughParentGroup("n-group-admin");
        expect(201, api.post("/admin/realms/" + realm + "/clients",
                AdminApi.JSON.createObjectNode().put("clientId", "z-browser").put("publicClient", true)));
    }

    private void create(String clientId, Map<String, String> attributes) {
        expect(201, api.createServiceAccountClient(realm, clientId, new HashMap<>(attributes)));
    }

    private String serviceAccountUserId(String clientId) {
        return parse(expect(200, api.get("/admin/realms/" + realm + "/clients/" + api.clientUuid(realm, clientId)
                + "/service-account-user")).body()).get("id").asText();
    }

    private void grantCompositeAdminRole(String clientId) {
        expect(201, api.post("/admin/realms/" + realm + "/roles", Map.of("name", "ops", "composite", false)));
        JsonNode manageUsers = api.roleOf(realm, "realm-management", "manage-users");
        expect(204, api.post("/admin/realms/" + realm + "/roles/ops/composites", AdminApi.JSON.createArrayNode().add(manageUsers)));
        JsonNode ops = parse(expect(200, api.get("/admin/realms/" + realm + "/roles/ops")).body());
        expect(204, api.post("/admin/realms/" + realm + "/users/" + serviceAccountUserId(clientId) + "/role-mappings/realm",
                AdminApi.JSON.createArrayNode().add(ops)));
    }

    /** manage-clients mapped to /platform; the service account is a member of /platform/ops-admins only. */
    private void grantAdminRoleThroughParentGroup(String clientId) {
        String platform = locationId(expect(201, api.post("/admin/realms/" + realm + "/groups", Map.of("name", "platform"))));
        String opsAdmins = locationId(expect(201, api.post("/admin/realms/" + realm + "/groups/" + platform + "/children",
                Map.of("name", "ops-admins"))));
        JsonNode manageClients = api.roleOf(realm, "realm-management", "manage-clients");
        expect(204, api.post("/admin/realms/" + realm + "/groups/" + platform + "/role-mappings/clients/"
                + api.clientUuid(realm, "realm-management"), AdminApi.JSON.createArrayNode().add(manageClients)));
        expect(204, api.put("/admin/realms/" + realm + "/users/" + serviceAccountUserId(clientId) + "/groups/" + opsAdmins, Map.of()));
    }

    private static String locationId(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The way a machine client should look: key-based auth, bound tokens, no full scope, no default scopes. */
    private void createTightClient(String clientId, String reviewBy) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of(
                "nhi.owner", "alice", "nhi.purpose", "Payments API", "nhi.review-by", reviewBy,
                "tls.client.certificate.bound.access.tokens", "true", "access.token.header.type.rfc9068", "true"));
        client.put("clientAuthenticatorType", "client-jwt").put("fullScopeAllowed", false);
        expect(201, api.post("/admin/realms/" + realm + "/clients", client));
        String uuid = api.clientUuid(realm, clientId);
        for (JsonNode scope : parse(expect(200, api.get("/admin/realms/" + realm + "/clients/" + uuid + "/default-client-scopes")).body())) {
            expect(204, api.delete("/admin/realms/" + realm + "/clients/" + uuid + "/default-client-scopes/" + scope.get("id").asText()));
        }
    }

    private void ageSecret(String clientId, int days) {
        ObjectNode client = (ObjectNode) api.client(realm, clientId);
        long created = Instant.now().minus(days, ChronoUnit.DAYS).getEpochSecond();
        ((ObjectNode) client.get("attributes")).put("client.secret.creation.time", String.valueOf(created));
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + client.get("id").asText(), client));
    }

    private Map<String, JsonNode> all() {
        Map<String, JsonNode> byClientId = new LinkedHashMap<>();
        for (JsonNode entry : parse(expect(200, api.get(inventory + "?max=1000")).body())) {
            byClientId.put(entry.get("clientId").asText(), entry);
        }
        return byClientId;
    }

    private static Set<String> findings(JsonNode entry) {
        Set<String> codes = new TreeSet<>();
        entry.get("findings").forEach(f -> codes.add(f.asText()));
        return codes;
    }

    private List<String> clientIds(String query) {
        List<String> ids = new ArrayList<>();
        parse(expect(200, api.get(inventory + query)).body()).forEach(e -> ids.add(e.get("clientId").asText()));
        return ids;
    }

    @Test
    void listsEveryServiceAccountClientAndNothingElse() {
        assertEquals(List.of("a-owned", "b-ownerless", "c-disabled-owner", "d-missing-owner", "e-robot-owner", "f-overdue",
                "g-admin", "h-composite-admin", "i-tight", "j-old-secret", "k-broad", "l-unbound-critical", "m-expiring-cert",
                        "n-group-admin"),
                new ArrayList<>(all().keySet()));
    }

    @Test
    void reportsOwnershipStateAndFindings() {
        Map<String, JsonNode> all = all();
        JsonNode owned = all.get("a-owned");
        assertEquals("alice", owned.get("owner").asText());
        assertEquals("active", owned.get("ownerState").asText());
        assertFalse(owned.get("reviewOverdue").asBoolean());
        assertEquals(Set.of("STATIC_SECRET", "FULL_SCOPE_ALLOWED", "DEFAULT_SCOPES", "UNTYPED_TOKENS", "NEVER_USED"), findings(owned));
        assertEquals("[\"client_credentials\"]", owned.get("grants").toString());

        JsonNode ownerless = all.get("b-ownerless");
        assertTrue(ownerless.get("owner").isNull() && ownerless.get("ownerState").isNull());
        assertTrue(findings(ownerless).containsAll(Set.of("NO_OWNER", "NO_PURPOSE", "NO_REVIEW_DATE", "OTHER_GRANTS")));
        assertEquals("[\"client_credentials\",\"password\"]", ownerless.get("grants").toString(),
                "a client created with Keycloak's defaults can get tokens with a person's password too");

        assertEquals("disabled", all.get("c-disabled-owner").get("ownerState").asText());
        assertTrue(findings(all.get("c-disabled-owner")).contains("OWNER_DISABLED"));
        assertEquals("missing", all.get("d-missing-owner").get("ownerState").asText());
        assertTrue(findings(all.get("d-missing-owner")).contains("OWNER_MISSING"));
        assertEquals("missing", all.get("e-robot-owner").get("ownerState").asText(), "a service account cannot own a client");

        JsonNode overdue = all.get("f-overdue");
        assertTrue(overdue.get("reviewOverdue").asBoolean());
        assertTrue(findings(overdue).contains("REVIEW_OVERDUE"));
    }

    @Test
    void reportsAuthenticationSecretAgeScopesAndRoles() {
        Map<String, JsonNode> all = all();
        JsonNode owned = all.get("a-owned");
        assertEquals("client-secret", owned.get("clientAuthentication").asText());
        assertEquals("client_secret", owned.get("credentialType").asText());
        assertEquals("none", owned.get("senderConstraint").asText());
        JsonNode keyBound = all.get("m-expiring-cert");
        assertEquals("private_key_jwt", keyBound.get("credentialType").asText(), keyBound.toString());
        assertEquals("dpop", keyBound.get("senderConstraint").asText(), keyBound.toString());
        assertEquals(0, owned.get("secretAgeDays").asLong());
        assertEquals("first-seen", owned.get("secretCreatedFrom").asText(), "an explicit secret comes without Keycloak's creation time");
        assertFalse(owned.get("certificateBoundTokens").asBoolean());
        assertTrue(owned.get("fullScopeAllowed").asBoolean());
        assertTrue(owned.get("defaultClientScopes").toString().contains("\"profile\""));
        assertTrue(owned.get("realmRoles").toString().contains("default-roles-" + realm));
        assertTrue(owned.get("created").asText().startsWith(String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear())));

        JsonNode old = all.get("j-old-secret");
        assertTrue(old.get("secretAgeDays").asLong() >= 199, old.toString());
        assertTrue(findings(old).contains("SECRET_EXPIRED"), old.toString());
        assertEquals("keycloak", old.get("secretCreatedFrom").asText());

        JsonNode admin = all.get("g-admin");
        assertEquals("[\"view-users\"]", admin.get("clientRoles").get("realm-management").toString());
        // effective: view-users is itself a composite of query-users and query-groups
        assertEquals("[\"realm-management:query-groups\",\"realm-management:query-users\",\"realm-management:view-users\"]",
                admin.get("adminRoles").toString());
        assertTrue(findings(admin).contains("ADMIN_ROLES"));

        JsonNode composite = all.get("h-composite-admin");
        assertTrue(composite.get("realmRoles").toString().contains("\"ops\""));
        assertEquals("[\"realm-management:manage-users\"]", composite.get("adminRoles").toString(), "found through the composite role");

        JsonNode viaGroup = all.get("n-group-admin");
        assertEquals("[\"/platform/ops-admins\"]", viaGroup.get("groups").toString());
        assertEquals("{}", viaGroup.get("clientRoles").toString(), "no direct mapping");
        assertTrue(viaGroup.get("adminRoles").toString().contains("realm-management:manage-clients"),
                "inherited from the parent group: " + viaGroup.get("adminRoles"));

        JsonNode tight = all.get("i-tight");
        assertEquals("client-jwt", tight.get("clientAuthentication").asText());
        assertTrue(tight.get("secretAgeDays").isNull());
        assertTrue(tight.get("secretCreated").isNull() && tight.get("secretExpires").isNull(), "no shared secret, no secret dates");
        assertTrue(tight.get("certificateBoundTokens").asBoolean());
        assertEquals(0, tight.get("defaultClientScopes").size());
        assertEquals(Set.of("NEVER_USED"), findings(tight), "a well-configured machine client has no findings but that it was never used");
        assertEquals(300, tight.get("accessTokenLifespan").asInt(), "the realm's lifespan when the client sets none");

        JsonNode broad = all.get("k-broad");
        assertEquals(3600, broad.get("accessTokenLifespan").asInt());
        assertTrue(findings(broad).containsAll(Set.of("BROAD_SCOPE", "LONG_TOKEN_LIFETIME")), findings(broad).toString());
        assertFalse(findings(all.get("a-owned")).contains("BROAD_SCOPE"));

        JsonNode unbound = all.get("l-unbound-critical");
        assertEquals("critical", unbound.get("tier").asText());
        assertEquals("prod", unbound.get("environment").asText());
        assertTrue(findings(unbound).contains("UNBOUND_TOKENS"));
        assertEquals("standard", owned.get("tier").asText());
        assertFalse(findings(owned).contains("UNBOUND_TOKENS"));

        JsonNode expiring = all.get("m-expiring-cert");
        assertEquals(expiringNotAfter, expiring.get("certificateNotAfter").asText());
        assertTrue(findings(expiring).contains("CERT_EXPIRING"));
        assertTrue(all.get("a-owned").get("certificateNotAfter").isNull());
    }

    @Test
    void pagesAreOrderedAndDisjoint() {
        List<String> everything = clientIds("?max=1000");
        List<String> first = clientIds("?first=0&max=3");
        List<String> second = clientIds("?first=3&max=3");
        assertEquals(everything.subList(0, 3), first);
        assertEquals(everything.subList(3, 6), second);
        assertEquals(List.of(), clientIds("?first=500&max=10"));
    }

    @Test
    void filtersByOwnerIgnoringCase() {
        assertEquals(List.of("a-owned", "f-overdue", "g-admin", "h-composite-admin", "i-tight", "j-old-secret", "k-broad",
                        "l-unbound-critical", "m-expiring-cert", "n-group-admin"),
                clientIds("?owner=ALICE&max=100"));
        assertEquals(List.of("c-disabled-owner"), clientIds("?owner=carol"));
        assertEquals(List.of(), clientIds("?owner=nobody"));
    }

    @Test
    void filtersByFindingWithPaging() {
        assertEquals(List.of("b-ownerless"), clientIds("?finding=NO_OWNER"));
        assertEquals(List.of("c-disabled-owner"), clientIds("?finding=OWNER_DISABLED"));
        assertEquals(List.of("d-missing-owner", "e-robot-owner"), clientIds("?finding=OWNER_MISSING"));
        assertEquals(List.of("e-robot-owner"), clientIds("?finding=OWNER_MISSING&first=1"));
        assertEquals(List.of("g-admin", "h-composite-admin", "n-group-admin"), clientIds("?finding=admin_roles"));
        assertEquals(List.of("h-composite-admin"), clientIds("?finding=ADMIN_ROLES&first=1&max=1"));
        assertEquals(List.of("f-overdue"), clientIds("?finding=REVIEW_OVERDUE&owner=alice"));
    }

    @Test
    void exportsTheWholeInventoryAsJson() {
        HttpResponse<String> export = expect(200, api.get(inventory + "/export?format=json"));
        assertTrue(export.headers().firstValue("Content-Disposition").orElse("").contains("nhi-inventory-" + realm + ".json"));
        assertEquals(parse(expect(200, api.get(inventory + "?max=1000")).body()), parse(export.body()));
    }

    @Test
    void exportsCsvThatSpreadsheetsCannotBeTrickedBy() {
        HttpResponse<String> export = expect(200, api.get(inventory + "/export?format=csv"));
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = export.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,clientId,enabled,created,tier,environment,owner,ownerState,ownerId,ownerGroup,purpose,"), lines[0]);
        assertEquals(1 + 14, lines.length);
        String owned = find(lines, ",a-owned,");
        assertTrue(owned.contains(",\"Sync, \"\"nightly\"\"\","), owned);
        assertTrue(owned.endsWith(",STATIC_SECRET FULL_SCOPE_ALLOWED DEFAULT_SCOPES UNTYPED_TOKENS NEVER_USED"), owned);
        String overdue = find(lines, ",f-overdue,");
        assertTrue(overdue.contains(",\"'=HYPERLINK(\"\"http://evil.test\"\")\","), "formula defused: " + overdue);
        assertTrue(find(lines, ",g-admin,").contains(",realm-management:view-users,"));
    }

    @Test
    void exportKeepsTheFilters() {
        String[] lines = expect(200, api.get(inventory + "/export?format=csv&finding=NO_OWNER")).body().split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].contains(",b-ownerless,"));
    }

    private static String find(String[] lines, String marker) {
        for (String line : lines) {
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("no CSV row with " + marker);
    }

    @Test
    void badParametersAreNamed() {
        assertBad("?first=-1", "first");
        assertBad("?first=abc", "first");
        assertBad("?max=0", "max");
        assertBad("?max=abc", "max");
        assertBad("?max=100000", "max must be a whole number from 1 to " + KeycloakServer.MAX_PAGE_SIZE);
        expect(200, api.get(inventory + "?max=" + KeycloakServer.MAX_PAGE_SIZE)); // above the default of 1000: the option took effect
        assertBad("?finding=NOPE", "finding 'NOPE' is unknown");
        assertBad("?owner=" + "a".repeat(256), "owner");
        // control characters in a query string are refused by Keycloak itself, before the pack sees them
        assertEquals(400, api.get(inventory + "?owner=%01alice").statusCode());
        assertBad("/export?format=xml", "format 'xml' is unknown");
        assertBad("/export?finding=%3Cscript%3E", "finding '\\u003cscript\\u003e' is unknown");
    }

    private void assertBad(String query, String expected) {
        HttpResponse<String> response = api.get(inventory + query);
        assertEquals(400, response.statusCode(), query + " -> " + response.body());
        JsonNode body = parse(response.body());
        assertTrue(body.hasNonNull("errorMessage"), query + " -> " + response.body());
        String message = body.get("errorMessage").asText();
        assertTrue(message.startsWith(expected), query + " -> " + message);
    }
}
