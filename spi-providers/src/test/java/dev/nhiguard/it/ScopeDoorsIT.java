package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nhi-scope-narrowing on every door Keycloak has besides client_credentials and a client save through the admin API:
 * other grants, token exchange, client-level mappers, odd lifespan values, partial import.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeDoorsIT {

    private static final String REDIRECT = "http://127.0.0.1/machine-callback";
    private static final String ONLY_CLIENT_CREDENTIALS = "machine clients get tokens only through client_credentials";

    private AdminApi api;
    private GovernedRealm realm;

    @BeforeAll
    void realmWithScopeNarrowing(AdminApi api) {
        this.api = api;
        realm = GovernedRealm.create(api, "scope-doors")
                .withRealmSettings(Map.of("accessTokenLifespan", 3600))
                .withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
    }

    private String realmName() {
        return realm.name();
    }

    /** Partial import stores what the client policies would have refused: the door this class attacks through. */
    private void importPastThePolicy(ObjectNode client) {
        expect(200, api.partialImport(realmName(), "OVERWRITE", client));
    }

    private HttpResponse<String> token(String clientId, String scope) {
        return api.clientCredentials(realmName(), clientId, "s3cret-" + clientId, scope);
    }

    private String narrowToken(String clientId) {
        HttpResponse<String> response = expect(200, token(clientId, "payments:read"));
        return parse(response.body()).get("access_token").asText();
    }

    private HttpResponse<String> tokenEndpoint(Map<String, String> form) {
        return api.form("/realms/" + realmName() + "/protocol/openid-connect/token", form);
    }

    // ---- other grants ----

    @Test
    void thePasswordGrantGivesAMachineClientNothing() {
        ObjectNode client = GovernedRealm.compliantClient("password-bot");
        client.put("directAccessGrantsEnabled", true);
        importPastThePolicy(client);
        HttpResponse<String> response = tokenEndpoint(Map.of("grant_type", "password", "client_id", "password-bot",
                "client_secret", "s3cret-password-bot", "username", "alice", "password", GovernedRealm.PASSWORD, "scope", "openid"));
        assertOAuthError(response, 400, "unauthorized_client", ONLY_CLIENT_CREDENTIALS);
    }

    /** A person's token from a browser app, meant for exchange-bot: what a machine client could widen by exchange. */
    private String userTokenFor(String audience) {
        ObjectNode portal = AdminApi.JSON.createObjectNode().put("clientId", "portal-" + audience).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        ObjectNode mapper = portal.putArray("protocolMappers").addObject().put("name", "exchange audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config").put("included.client.audience", audience).put("access.token.claim", "true");
        expect(201, api.post(realm.path("/clients"), portal));
        return parse(expect(200, tokenEndpoint(Map.of("grant_type", "password", "client_id", "portal-" + audience,
                "username", "alice", "password", GovernedRealm.PASSWORD))).body()).get("access_token").asText();
    }

    @Test
    void tokenExchangeGivesAMachineClientNothing() {
        ObjectNode client = GovernedRealm.compliantClient("exchange-bot");
        ((ObjectNode) client.get("attributes")).put("standard.token.exchange.enabled", "true");
        importPastThePolicy(client);
        HttpResponse<String> response = tokenEndpoint(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "client_id", "exchange-bot", "client_secret", "s3cret-exchange-bot",
                "subject_token", userTokenFor("exchange-bot"),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "scope", "payments"));
        assertOAuthError(response, 400, "unauthorized_client", ONLY_CLIENT_CREDENTIALS);
    }

    @Test
    void anyClientExchangingAMachineIdentitysTokenGetsNothing() {
        ObjectNode api2 = AdminApi.JSON.createObjectNode().put("clientId", "payments-api-gateway").put("publicClient", false)
                .put("secret", "s3cret-gateway").put("standardFlowEnabled", false).put("serviceAccountsEnabled", false);
        api2.putObject("attributes").put("standard.token.exchange.enabled", "true");
        expect(201, api.post(realm.path("/clients"), api2));
        ObjectNode machine = GovernedRealm.compliantClient("exchanged-machine");
        ObjectNode audience = AdminApi.JSON.createObjectNode().put("name", "gateway audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", "payments-api-gateway").put("access.token.claim", "true");
        // the audience comes from a scope the machine asks for, the usual way to address an API
        ObjectNode scope = AdminApi.JSON.createObjectNode().put("name", "gateway:call").put("protocol", "openid-connect");
        scope.putArray("protocolMappers").add(audience);
        expect(201, api.post(realm.path("/client-scopes"), scope));
        ((com.fasterxml.jackson.databind.node.ArrayNode) machine.get("optionalClientScopes")).add("gateway:call");
        expect(201, api.post(realm.path("/clients"), machine));
        String narrow = parse(expect(200, token("exchanged-machine", "gateway:call")).body()).get("access_token").asText();

        HttpResponse<String> response = tokenEndpoint(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "client_id", "payments-api-gateway", "client_secret", "s3cret-gateway",
                "subject_token", narrow, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        assertOAuthError(response, 400, "unauthorized_client", "subject_token: it belongs to the machine identity 'exchanged-machine'");
    }

    @Test
    void theUmaGrantGivesAMachineIdentityNoPermissionTicketToken() {
        ObjectNode resourceServer = AdminApi.JSON.createObjectNode().put("clientId", "uma-rs").put("publicClient", false)
                .put("secret", "s3cret-uma-rs").put("standardFlowEnabled", false).put("serviceAccountsEnabled", true)
                .put("authorizationServicesEnabled", true);
        resourceServer.putObject("attributes").put("nhi.owner", "alice").put("nhi.purpose", "resource server")
                .put("nhi.review-by", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString());
        importPastThePolicy(resourceServer);
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("uma-bot")));
        String authz = realm.path("/clients/" + api.clientUuid(realmName(), "uma-rs") + "/authz/resource-server");
        expect(201, api.post(authz + "/resource", Map.of("name", "payments", "uris", List.of("/payments/*"))));
        expect(201, api.post(authz + "/policy/client", Map.of("name", "machines", "clients", List.of("uma-bot"))));
        expect(201, api.post(authz + "/permission/resource", Map.of("name", "payments for machines",
                "resources", List.of("payments"), "policies", List.of("machines"))));
        String narrow = parse(expect(200, token("uma-bot", "payments:read")).body()).get("access_token").asText();

        HttpResponse<String> bearer = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        api.base().resolve("/realms/" + realmName() + "/protocol/openid-connect/token"))
                .header("Authorization", "Bearer " + narrow).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + AdminApi.enc("urn:ietf:params:oauth:grant-type:uma-ticket")
                        + "&audience=uma-rs")).build());
        // without the pack: 200 and a requesting-party token with scope "email profile", realm roles and the realm's lifespan
        assertOAuthError(bearer, 400, "unauthorized_client", "Authorization: it belongs to the machine identity 'uma-bot'");

        HttpResponse<String> credentials = tokenEndpoint(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "client_id", "uma-bot", "client_secret", "s3cret-uma-bot", "audience", "uma-rs", "scope", "payments:read"));
        assertOAuthError(credentials, 400, "unauthorized_client", ONLY_CLIENT_CREDENTIALS);
    }

    @Test
    void theAuthorizationEndpointTurnsAMachineClientAwayWithAnErrorRedirect() {
        ObjectNode client = GovernedRealm.compliantClient("redirect-bot");
        client.put("standardFlowEnabled", true).put("implicitFlowEnabled", true).putArray("redirectUris").add(REDIRECT);
        importPastThePolicy(client);
        for (String responseType : List.of("code", "token", "code token")) {
            HttpResponse<String> response = Http.send(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                    HttpRequest.newBuilder(api.base().resolve("/realms/" + realmName() + "/protocol/openid-connect/auth?client_id=redirect-bot"
                            + "&redirect_uri=" + AdminApi.enc(REDIRECT) + "&response_type=" + AdminApi.enc(responseType)
                            + "&scope=openid&state=s1&nonce=n1")).GET().build());
            assertEquals(302, response.statusCode(), responseType + ": " + response.body());
            String location = response.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(REDIRECT), location);
            assertTrue(location.contains("error=unauthorized_client"), responseType + ": " + location);
            assertTrue(location.contains("machine+clients+get+tokens+only+through+client_credentials")
                    || location.contains("machine%20clients%20get%20tokens%20only%20through%20client_credentials"), location);
            assertFalse(location.contains("code=") || location.contains("access_token="), "no code and no token: " + location);
        }
    }

    @Test
    void aCibaAuthenticationRequestFromAMachineClientIsRefusedClearly() {
        ObjectNode client = GovernedRealm.compliantClient("ciba-bot");
        ((ObjectNode) client.get("attributes")).put("oidc.ciba.grant.enabled", "true");
        importPastThePolicy(client);
        HttpResponse<String> response = api.form("/realms/" + realmName() + "/protocol/openid-connect/ext/ciba/auth", Map.of(
                "client_id", "ciba-bot", "client_secret", "s3cret-ciba-bot", "login_hint", "alice", "scope", "openid"));
        assertOAuthError(response, 400, "unauthorized_client", ONLY_CLIENT_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"directAccessGrantsEnabled", "standardFlowEnabled", "implicitFlowEnabled"})
    void switchingOnAnotherFlowIsRefusedWhenSaved(String flow) {
        ObjectNode client = GovernedRealm.compliantClient("flow-" + flow.toLowerCase());
        client.put(flow, true).putArray("redirectUris").add(REDIRECT);
        assertSaveRefused(api.post(realm.path("/clients"), client), flow);
        assertFalse(api.clientExists(realmName(), "flow-" + flow.toLowerCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard.token.exchange.enabled", "oauth2.device.authorization.grant.enabled",
            "oidc.ciba.grant.enabled", "oauth2.jwt.authorization.grant.enabled"})
    void switchingOnAnotherGrantIsRefusedWhenSaved(String attribute) {
        String clientId = "grant-" + Integer.toHexString(attribute.hashCode());
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put(attribute, "true");
        assertSaveRefused(api.post(realm.path("/clients"), client), attribute);
        assertFalse(api.clientExists(realmName(), clientId));
    }

    @Test
    void aClientCreatedWithoutSayingSoGetsKeycloaksStandardFlowAndIsRefused() {
        ObjectNode client = GovernedRealm.compliantClient("silent-bot");
        client.remove("standardFlowEnabled");
        assertSaveRefused(api.post(realm.path("/clients"), client), "standardFlowEnabled");
        assertFalse(api.clientExists(realmName(), "silent-bot"));
    }

    // ---- client-level protocol mappers ----

    private static ObjectNode audienceMapper(String audienceClient) {
        ObjectNode mapper = AdminApi.JSON.createObjectNode().put("name", "extra audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config").put("included.client.audience", audienceClient).put("access.token.claim", "true");
        return mapper;
    }

    private static ObjectNode hardcodedClaim(String claim, String value) {
        ObjectNode mapper = AdminApi.JSON.createObjectNode().put("name", "claim " + claim).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-claim-mapper");
        mapper.putObject("config").put("claim.name", claim).put("claim.value", value).put("access.token.claim", "true")
                .put("jsonType.label", "String");
        return mapper;
    }

    @Test
    void mappersSentWithTheClientAreRefused() {
        ObjectNode client = GovernedRealm.compliantClient("mapped-bot");
        client.putArray("protocolMappers").add(audienceMapper("realm-management")).add(hardcodedClaim("role", "admin"));
        assertSaveRefused(api.post(realm.path("/clients"), client), "protocolMappers");
        assertFalse(api.clientExists(realmName(), "mapped-bot"));
    }

    @Test
    void aMapperAddedThroughItsOwnEndpointStopsTheTokens() {
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("late-mapped-bot")));
        assertEquals(200, token("late-mapped-bot", "payments:read").statusCode());
        String uuid = api.clientUuid(realmName(), "late-mapped-bot");
        expect(201, api.post(realm.path("/clients/" + uuid + "/protocol-mappers/models"), audienceMapper("realm-management")));
        assertOAuthError(token("late-mapped-bot", "payments:read"), 400, "unauthorized_client", "protocolMappers: ");
    }

    // ---- access.token.lifespan as Keycloak reads it ----

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+86400", "1e9", "86400.0", " 300", "0"})
    void lifespansKeycloakReadsDifferentlyAreRefusedWhenSaved(String lifespan) {
        String clientId = "lifespan-" + Integer.toHexString(lifespan.hashCode());
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", lifespan);
        assertSaveRefused(api.post(realm.path("/clients"), client), "access.token.lifespan");
        assertFalse(api.clientExists(realmName(), clientId));
    }

    @Test
    void aLifespanKeycloakCannotReadIsRefusedAtTheTokenEndpointNotAServerError() {
        ObjectNode client = GovernedRealm.compliantClient("unreadable-lifespan-bot");
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", "1e9");
        importPastThePolicy(client);
        assertOAuthError(token("unreadable-lifespan-bot", "payments:read"), 400, "unauthorized_client", "access.token.lifespan: ");
    }

    @Test
    void aSessionLongLifespanIsStillCappedAtTheTokenEndpoint() {
        ObjectNode client = GovernedRealm.compliantClient("session-lifespan-bot");
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", "-1");
        importPastThePolicy(client);
        JsonNode claims = Jwt.decode(narrowToken("session-lifespan-bot")).claims();
        assertTrue(claims.get("exp").asLong() - claims.get("iat").asLong() <= 300, claims.toString());
    }

    // ---- one truth: the inventory judges with the realm's policy settings ----

    @Test
    void theInventoryJudgesByTheRealmsPolicySettings() {
        GovernedRealm strict = GovernedRealm.create(api, "scope-truth")
                .withPolicies(Map.of("nhi-scope-narrowing", Map.of("max-token-lifespan", 120, "allowed-default-scopes", List.of("basic"))));
        ObjectNode client = GovernedRealm.compliantClient("judged-bot");
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", "200");
        expect(200, api.partialImport(strict.name(), "OVERWRITE", client));
        JsonNode entry = strict.inventoryEntry("judged-bot");
        assertTrue(entry.get("findings").toString().contains("LONG_TOKEN_LIFETIME"), entry.toString());
        assertTrue(entry.get("findings").toString().contains("DEFAULT_SCOPES"), "service_account is not in this realm's list: " + entry);
    }

    @Test
    void theInventoryShowsTheLifespanTokensReallyHave() {
        GovernedRealm capped = GovernedRealm.create(api, "scope-lifespan").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        ObjectNode client = GovernedRealm.compliantClient("session-bot");
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", "-1");
        expect(200, api.partialImport(capped.name(), "OVERWRITE", client));
        JsonNode entry = capped.inventoryEntry("session-bot");
        assertEquals(36000, entry.get("keycloakTokenLifespan").asInt(), "-1 means as long as the SSO session (10 h by default)");
        assertEquals(300, entry.get("accessTokenLifespan").asInt(), "every token this client can get is capped by the policy");
        assertTrue(entry.get("findings").toString().contains("INVALID_TOKEN_LIFESPAN"), entry.toString());
        assertTrue(entry.get("findings").toString().contains("LONG_TOKEN_LIFETIME"), "its own setting asks for more than the cap: " + entry);

        GovernedRealm uncapped = GovernedRealm.create(api, "scope-uncapped");
        expect(200, api.partialImport(uncapped.name(), "OVERWRITE", client));
        JsonNode plain = uncapped.inventoryEntry("session-bot");
        assertEquals(36000, plain.get("accessTokenLifespan").asInt(), "no policy caps it here");
        assertTrue(plain.get("findings").toString().contains("LONG_TOKEN_LIFETIME"), plain.toString());
    }

    @Test
    void raisingTheRealmsLifespanDoesNotLengthenCappedMachineTokens() {
        GovernedRealm realm3600 = GovernedRealm.create(api, "scope-realm3600")
                .withRealmSettings(Map.of("accessTokenLifespan", 3600)).withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm3600.path("/clients"), GovernedRealm.compliantClient("realm-lifespan-bot")));
        JsonNode token = Jwt.decode(parse(expect(200, api.clientCredentials(realm3600.name(), "realm-lifespan-bot",
                "s3cret-realm-lifespan-bot", "payments:read")).body()).get("access_token").asText()).claims();
        assertEquals(300, token.get("exp").asLong() - token.get("iat").asLong());
        JsonNode entry = realm3600.inventoryEntry("realm-lifespan-bot");
        assertEquals(300, entry.get("accessTokenLifespan").asInt());
        assertEquals(3600, entry.get("keycloakTokenLifespan").asInt());
        assertFalse(entry.get("findings").toString().contains("LONG_TOKEN_LIFETIME"), entry.toString());
    }

    @Test
    void theInventoryNamesEveryDoorAStoredClientLeavesOpen() {
        GovernedRealm open = GovernedRealm.create(api, "scope-open").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        ObjectNode client = GovernedRealm.compliantClient("open-bot");
        client.put("directAccessGrantsEnabled", true).putArray("protocolMappers").add(hardcodedClaim("tenant", "all"));
        ((ObjectNode) client.get("attributes")).put("standard.token.exchange.enabled", "true").put("access.token.lifespan", "1e9");
        expect(200, api.partialImport(open.name(), "OVERWRITE", client));
        String findings = open.inventoryEntry("open-bot").get("findings").toString();
        for (String finding : List.of("OTHER_GRANTS", "CLIENT_MAPPERS", "INVALID_TOKEN_LIFESPAN")) {
            assertTrue(findings.contains(finding), finding + " in " + findings);
        }
    }
}
