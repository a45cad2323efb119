package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.PasswordLogin;
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
    private KeycloakServer server;
    private GovernedRealm realm;

    @BeforeAll
    void realmWithScopeNarrowing(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
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

    @Test
    void theAuthorizationCodeGrantGivesAMachineClientNothing() {
        ObjectNode client = GovernedRealm.compliantClient("browser-bot");
        client.put("standardFlowEnabled", true).putArray("redirectUris").add(REDIRECT);
        importPastThePolicy(client);
        String code = PasswordLogin.code(server.httpsUri(), server.pki().trustOnly(), realmName(), "browser-bot", REDIRECT,
                "alice", GovernedRealm.PASSWORD);
        HttpResponse<String> response = Http.postForm(server.httpsClient(null), server.httpsUri().resolve("/realms/" + realmName()
                + "/protocol/openid-connect/token"), Map.of("grant_type", "authorization_code", "client_id", "browser-bot",
                "client_secret", "s3cret-browser-bot", "code", code, "redirect_uri", REDIRECT));
        // Keycloak reports every refusal at the code exchange as invalid_grant, with the policy's description
        assertOAuthError(response, 400, "invalid_grant", ONLY_CLIENT_CREDENTIALS);
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
    void theInventoryShowsTheLifespanKeycloakReallyApplies() {
        GovernedRealm plain = GovernedRealm.create(api, "scope-lifespan").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        ObjectNode client = GovernedRealm.compliantClient("session-bot");
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", "-1");
        expect(200, api.partialImport(plain.name(), "OVERWRITE", client));
        JsonNode entry = plain.inventoryEntry("session-bot");
        assertEquals(36000, entry.get("accessTokenLifespan").asInt(), "-1 means as long as the SSO session (10 h by default)");
        assertTrue(entry.get("findings").toString().contains("LONG_TOKEN_LIFETIME"), entry.toString());
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
