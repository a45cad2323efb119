package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nhi-scope-narrowing with real token requests and decoded tokens. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeNarrowingIT {

    static final List<String> PAYMENT_SCOPES = List.of("payments", "payments:read", "payments:write", "reports", "everything");

    private AdminApi api;
    private String realm;

    @BeforeAll
    void realmWithPolicy(AdminApi api) {
        this.api = api;
        realm = api.createRealm("scope");
        // longer than the policy's cap: the token must still come out capped
        expect(204, api.put("/admin/realms/" + realm, Map.of("accessTokenLifespan", 3600)));
        createPaymentScopes(api, realm);
        enableScopeNarrowing(api, realm, Map.of("max-scopes", 3, "forbidden-scopes", List.of("everything")));
        expect(201, api.post("/admin/realms/" + realm + "/clients", tightClient("narrow-bot")));
        expect(201, api.post("/admin/realms/" + realm + "/clients", tightClient("drift-bot")));
    }

    static void createPaymentScopes(AdminApi api, String realm) {
        for (String name : PAYMENT_SCOPES) {
            ObjectNode scope = AdminApi.JSON.createObjectNode().put("name", name).put("protocol", "openid-connect");
            scope.putObject("attributes").put("include.in.token.scope", "true").put("display.on.consent.screen", "false");
            ObjectNode audience = scope.putArray("protocolMappers").addObject()
                    .put("name", "payments-api audience").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
            audience.putObject("config").put("included.custom.audience", "payments-api")
                    .put("access.token.claim", "true").put("id.token.claim", "false").put("introspection.token.claim", "true");
            expect(201, api.post("/admin/realms/" + realm + "/client-scopes", scope));
        }
    }

    static void enableScopeNarrowing(AdminApi api, String realm, Map<String, Object> configuration) {
        api.enableExecutorForEveryClient(realm, "nhi-scope-narrowing", configuration);
    }

    static ObjectNode tightClient(String clientId) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of("access.token.header.type.rfc9068", "true"));
        client.put("fullScopeAllowed", false);
        client.putArray("defaultClientScopes").add("basic").add("service_account");
        ArrayNode optional = client.putArray("optionalClientScopes");
        PAYMENT_SCOPES.forEach(optional::add);
        return client;
    }

    private HttpResponse<String> token(String clientId, String scope) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", "s3cret-" + clientId));
        if (scope != null) {
            form.put("scope", scope);
        }
        return api.form("/realms/" + realm + "/protocol/openid-connect/token", form);
    }

    private static void assertOAuthError(HttpResponse<String> response, String error, String descriptionStart) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = parse(response.body());
        assertEquals(error, body.get("error").asText(), response.body());
        if (descriptionStart != null) {
            assertTrue(body.get("error_description").asText().startsWith(descriptionStart), response.body());
        }
    }

    private static Set<String> words(String value) {
        return Set.of(value.trim().split(" +"));
    }

    @Test
    void aNarrowScopeGetsAShortRfc9068TokenWithExactlyThatScope() {
        HttpResponse<String> response = token("narrow-bot", "payments:read");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = parse(response.body());
        assertFalse(body.has("refresh_token"), "client_credentials never gets a refresh token");
        assertTrue(body.get("expires_in").asInt() <= 300, "capped although the realm says 3600: " + body);
        assertTrue(words(body.get("scope").asText()).contains("payments:read"), "granted scope returned: " + body);

        Jwt jwt = Jwt.decode(body.get("access_token").asText());
        assertEquals("at+jwt", jwt.header().get("typ").asText());
        JsonNode claims = jwt.claims();
        assertEquals(words(body.get("scope").asText()), words(claims.get("scope").asText()), "response scope equals token scope");
        Set<String> granted = words(claims.get("scope").asText());
        assertFalse(granted.contains("payments") || granted.contains("profile") || granted.contains("email"), granted.toString());
        assertEquals("payments-api", claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertFalse(claims.get("aud").toString().contains("account"), "no audience the scopes do not imply");
        assertEquals("narrow-bot", claims.get("client_id").asText());
        String serviceAccountId = parse(expect(200, api.get("/admin/realms/" + realm + "/clients/"
                + api.clientUuid(realm, "narrow-bot") + "/service-account-user")).body()).get("id").asText();
        assertEquals(serviceAccountId, claims.get("sub").asText());
        assertTrue(claims.get("exp").asLong() - claims.get("iat").asLong() <= 300);
        assertFalse(claims.has("email") || claims.has("preferred_username") || claims.has("realm_access"), claims.toString());
    }

    @Test
    void anOmittedScopeIsRefused() {
        assertOAuthError(token("narrow-bot", null), "invalid_scope", "scope: this client must name the scopes");
    }

    @Test
    void aBroadScopeIsRefusedNamingTheNarrowerOnes() {
        assertOAuthError(token("narrow-bot", "payments"), "invalid_scope",
                "scope: 'payments' is too broad; request one of the narrower scopes payments:read, payments:write");
    }

    @Test
    void aForbiddenScopeIsRefused() {
        assertOAuthError(token("narrow-bot", "everything"), "invalid_scope", "scope: 'everything' is too broad and never granted");
    }

    @Test
    void tooManyAndDuplicatedScopesAreRefused() {
        assertOAuthError(token("narrow-bot", "payments:read payments:write reports basic"), "invalid_scope",
                "scope: at most 3 scopes in one token, got 4");
        assertOAuthError(token("narrow-bot", "payments:read payments:read"), "invalid_scope",
                "scope: 'payments:read' is requested more than once");
    }

    /**
     * Keycloak ignores a scope parameter longer than 4000 characters; without the policy the request would then get
     * the client's default scopes. The policy treats it as no scope at all.
     */
    @Test
    void aScopeParameterKeycloakIgnoresForItsLengthIsNoScopeAtAll() {
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "scope-" + i).collect(Collectors.joining(" "));
        assertOAuthError(token("narrow-bot", thousand), "invalid_scope", "scope: this client must name the scopes");
        String thousandKnown = IntStream.range(0, 1000).mapToObj(i -> "payments:read").collect(Collectors.joining(" "));
        assertOAuthError(token("narrow-bot", thousandKnown), "invalid_scope", "scope: this client must name the scopes");
        assertOAuthError(token("narrow-bot", "p".repeat(64 * 1024)), "invalid_scope", "scope: this client must name the scopes");
    }

    @Test
    void aNulByteIsDroppedByKeycloakBeforeThePolicyAndGrantsNothingMore() {
        HttpResponse<String> response = token("narrow-bot", "payments:read\u0000");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("payments:read", Jwt.decode(parse(response.body()).get("access_token").asText()).claims().get("scope").asText());
    }

    @Test
    void refusedRequestsChangeNothing() {
        JsonNode before = api.client(realm, "narrow-bot");
        token("narrow-bot", "payments");
        token("narrow-bot", null);
        token("narrow-bot", "x".repeat(5000));
        assertEquals(before, api.client(realm, "narrow-bot"));
        assertEquals(200, token("narrow-bot", "payments:write").statusCode());
    }

    @Test
    void aClientChangedBehindThePolicysBackIsRefusedAtTokenTime() {
        String uuid = api.clientUuid(realm, "drift-bot");
        // granted first, twice: the same request of the same reading is not judged again, a changed client is
        assertEquals(200, token("drift-bot", "payments:read").statusCode());
        assertEquals(200, token("drift-bot", "payments:read").statusCode());
        String profileScope = scopeId("profile");
        // the scope endpoints do not go through client policies: exactly the drift the token-time check exists for
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + uuid + "/default-client-scopes/" + profileScope, Map.of()));
        assertOAuthError(token("drift-bot", "payments:read"), "unauthorized_client",
                "this client's settings do not meet the least-privilege policy: defaultClientScopes: default scopes");
        expect(204, api.delete("/admin/realms/" + realm + "/clients/" + uuid + "/default-client-scopes/" + profileScope));
        assertEquals(200, token("drift-bot", "payments:read").statusCode());
    }

    @Test
    void aRequestGrantedBeforeIsRefusedAtOnceWhenThePolicysOptionsChange() {
        String own = api.createRealm("scope-options");
        createPaymentScopes(api, own);
        enableScopeNarrowing(api, own, Map.of("max-scopes", 3));
        expect(201, api.post("/admin/realms/" + own + "/clients", tightClient("options-bot")));
        Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", "options-bot",
                "client_secret", "s3cret-options-bot", "scope", "payments:read");
        String endpoint = "/realms/" + own + "/protocol/openid-connect/token";
        assertEquals(200, api.form(endpoint, form).statusCode());
        assertEquals(200, api.form(endpoint, form).statusCode());
        enableScopeNarrowing(api, own, Map.of("max-scopes", 3, "forbidden-scopes", List.of("payments:read")));
        assertOAuthError(api.form(endpoint, form), "invalid_scope", "scope: 'payments:read' is too broad and never granted");
    }

    private String scopeId(String name) {
        for (JsonNode scope : parse(expect(200, api.get("/admin/realms/" + realm + "/client-scopes")).body())) {
            if (scope.get("name").asText().equals(name)) {
                return scope.get("id").asText();
            }
        }
        throw new AssertionError("no client scope " + name);
    }

    @Test
    void aClientWithKeycloakDefaultsIsRefusedWhenCreatedAndNothingIsStored() {
        HttpResponse<String> response = api.createServiceAccountClient(realm, "default-bot", Map.of());
        assertEquals(400, response.statusCode(), response.body());
        String description = parse(response.body()).get("error_description").asText();
        assertTrue(description.startsWith("fullScopeAllowed: must be off"), description);
        assertTrue(description.contains("; defaultClientScopes: ") && description.contains("profile"), description);
        assertTrue(description.contains("; access.token.header.type.rfc9068: must be on"), description);
        assertFalse(api.clientExists(realm, "default-bot"));
    }

    @Test
    void updatesThatWidenTokensAreRefusedAndNothingChanges() {
        JsonNode before = api.client(realm, "narrow-bot");
        String path = "/admin/realms/" + realm + "/clients/" + before.get("id").asText();
        ObjectNode fullScope = ((ObjectNode) before.deepCopy()).put("fullScopeAllowed", true);
        HttpResponse<String> widened = api.put(path, fullScope);
        assertEquals(400, widened.statusCode(), widened.body());
        assertTrue(parse(widened.body()).get("error_description").asText().startsWith("fullScopeAllowed: must be off"), widened.body());
        ObjectNode longLived = (ObjectNode) before.deepCopy();
        ((ObjectNode) longLived.get("attributes")).put("access.token.lifespan", "3600");
        HttpResponse<String> refused = api.put(path, longLived);
        assertEquals(400, refused.statusCode());
        assertTrue(parse(refused.body()).get("error_description").asText()
                .startsWith("access.token.lifespan: 3600 seconds exceeds the 300-second cap"), refused.body());
        ObjectNode refreshing = (ObjectNode) before.deepCopy();
        ((ObjectNode) refreshing.get("attributes")).put("client_credentials.use_refresh_token", "true");
        HttpResponse<String> refreshed = api.put(path, refreshing);
        assertEquals(400, refreshed.statusCode(), refreshed.body());
        assertTrue(parse(refreshed.body()).get("error_description").asText().startsWith("client_credentials.use_refresh_token: "),
                refreshed.body());
        assertEquals(before, api.client(realm, "narrow-bot"));
    }

    @Test
    void autoConfigureFixesAClientInsteadOfRefusingIt() {
        String other = api.createRealm("scope-auto");
        enableScopeNarrowing(api, other, Map.of("auto-configure", true));
        expect(201, api.createServiceAccountClient(other, "console-made-bot", Map.of()));
        JsonNode stored = api.client(other, "console-made-bot");
        assertFalse(stored.get("fullScopeAllowed").asBoolean());
        assertEquals("300", stored.get("attributes").get("access.token.lifespan").asText());
        assertEquals("true", stored.get("attributes").get("access.token.header.type.rfc9068").asText());
        Set<String> defaults = new HashSet<>();
        parse(expect(200, api.get("/admin/realms/" + other + "/clients/" + stored.get("id").asText() + "/default-client-scopes")).body())
                .forEach(s -> defaults.add(s.get("name").asText()));
        assertTrue(Set.of("basic", "service_account").containsAll(defaults), defaults.toString());
    }

    @Test
    void withoutThePolicyKeycloakGivesEverythingByDefault() {
        String plain = api.createRealm("scope-plain");
        expect(201, api.createServiceAccountClient(plain, "default-bot", Map.of()));
        HttpResponse<String> response = api.clientCredentials(plain, "default-bot", "s3cret-default-bot");
        assertEquals(200, response.statusCode());
        JsonNode claims = Jwt.decode(parse(response.body()).get("access_token").asText()).claims();
        assertTrue(words(claims.get("scope").asText()).containsAll(Set.of("profile", "email")), claims.toString());
    }

    @Test
    void anOutOfRangeOptionIsRefusedWhenTheProfileIsSaved() {
        String other = api.createRealm("scope-config");
        Map<String, String> expected = Map.of(
                "max-scopes", "max-scopes: must be a whole number from 1 to 50",
                "max-token-lifespan", "max-token-lifespan: must be a whole number from 10 to 86400",
                "separators", "separators: must be one or more characters a scope name may hold",
                "forbidden-scopes", "forbidden-scopes: must be scope names (RFC 6749 scope-token characters)");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("max-scopes", 0), Map.of("max-token-lifespan", 5),
                Map.of("separators", " "), Map.of("forbidden-scopes", List.of("a b")))) {
            HttpResponse<String> response = api.saveProfile(other, "nhi-scope-narrowing", bad);
            assertEquals(400, response.statusCode(), bad.toString());
            assertEquals("nhi-scope-narrowing: " + expected.get(bad.keySet().iterator().next()),
                    parse(response.body()).get("errorMessage").asText());
        }
    }
}
