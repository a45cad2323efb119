package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.WorkloadIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Grants that take a token as the identity to mint for are doors of the token's machine identity, whichever client
 * asks: the UMA grant with a {@code subject_token} or a {@code claim_token}, token exchange from a client no policy of
 * the pack selects. And an ID token is a token too: a machine identity gets none.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectTokenDoorsIT {

    private static final String UMA = "urn:ietf:params:oauth:grant-type:uma-ticket";
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private AdminApi api;
    private KeycloakServer server;
    private GovernedRealm realm;
    private String narrow;

    @BeforeAll
    void realmWithAResourceServer(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
        realm = GovernedRealm.create(api, "subject-doors").withRealmSettings(Map.of("accessTokenLifespan", 36_000))
                .withDemoPolicies();
        // a resource server with authorization services, as the UMA grant needs one for its audience
        ObjectNode resourceServer = AdminApi.JSON.createObjectNode().put("clientId", "uma-api").put("publicClient", false)
                .put("secret", "s3cret-uma-api").put("standardFlowEnabled", false).put("serviceAccountsEnabled", true)
                .put("authorizationServicesEnabled", true);
        resourceServer.putObject("attributes").put("nhi.owner", "alice").put("nhi.purpose", "resource server")
                .put("nhi.review-by", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString());
        expect(200, api.partialImport(realm.name(), "OVERWRITE", resourceServer));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("subject-bot")));
        String authz = realm.path("/clients/" + api.clientUuid(realm.name(), "uma-api") + "/authz/resource-server");
        expect(201, api.post(authz + "/resource", Map.of("name", "ledger", "uris", List.of("/ledger/*"))));
        expect(201, api.post(authz + "/policy/client", Map.of("name", "the bot", "clients", List.of("subject-bot"))));
        expect(201, api.post(authz + "/permission/resource", Map.of("name", "ledger for the bot",
                "resources", List.of("ledger"), "policies", List.of("the bot"))));
        narrow = parse(expect(200, api.clientCredentials(realm.name(), "subject-bot", "s3cret-subject-bot", "payments:read")).body())
                .get("access_token").asText();
    }

    private HttpResponse<String> tokenEndpoint(Map<String, String> form) {
        return api.form("/realms/" + realm.name() + "/protocol/openid-connect/token", form);
    }

    /** Without the pack: 200 and a requesting-party token for the bot's service account, living 36,000 s, renewable by feeding it back. */
    @Test
    void aPublicClientGetsNoRequestingPartyTokenForAMachineIdentitysSubjectToken() {
        HttpResponse<String> response = tokenEndpoint(Map.of("grant_type", UMA, "client_id", "admin-cli",
                "audience", "uma-api", "subject_token", narrow));
        JsonNode body = assertOAuthError(response, 400, "unauthorized_client",
                "subject_token: it belongs to the machine identity 'subject-bot'");
        assertFalse(body.has("access_token"), response.body());
    }

    @Test
    void theResourceServerGetsNoRequestingPartyTokenForAMachineIdentitysSubjectToken() {
        HttpResponse<String> response = tokenEndpoint(Map.of("grant_type", UMA, "client_id", "uma-api", "client_secret", "s3cret-uma-api",
                "audience", "uma-api", "subject_token", narrow));
        assertOAuthError(response, 400, "unauthorized_client", "subject_token: it belongs to the machine identity 'subject-bot'");
    }

    @Test
    void aMachineIdentitysTokenIsNoClaimTokenEither() {
        HttpResponse<String> response = tokenEndpoint(Map.of("grant_type", UMA, "client_id", "uma-api", "client_secret", "s3cret-uma-api",
                "audience", "uma-api", "claim_token", narrow));
        assertOAuthError(response, 400, "unauthorized_client", "claim_token: it belongs to the machine identity 'subject-bot'");
    }

    /**
     * A client that no policy of the pack selects (here: no nhi policy selects it, as the realm's policy for it names
     * only tier critical) asks to exchange the machine's token: the machine's policies judge, not the asker's.
     */
    @Test
    void tokenExchangeIsJudgedByTheMachinesPoliciesNotTheAskers() {
        GovernedRealm other = GovernedRealm.create(api, "subject-exchange");
        // every pack executor applies to critical-tier clients only: the asking client (no tier) is selected by none
        ObjectNode profiles = AdminApi.JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject().put("name", "critical-only");
        profile.putArray("executors").addObject().put("executor", "nhi-scope-narrowing").putObject("configuration");
        expect(204, api.put(other.path("/client-policies/profiles"), profiles));
        ObjectNode policies = AdminApi.JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", "critical-only").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "nhi-attributes").putObject("configuration").putArray("tiers").add("critical");
        policy.putArray("profiles").add("critical-only");
        expect(204, api.put(other.path("/client-policies/policies"), policies));
        ObjectNode machine = GovernedRealm.compliantClient("critical-bot");
        ((ObjectNode) machine.get("attributes")).put("nhi.tier", "critical");
        expect(201, api.post(other.path("/clients"), machine));
        ObjectNode gateway = AdminApi.JSON.createObjectNode().put("clientId", "gateway").put("publicClient", false)
                .put("secret", "s3cret-gateway").put("standardFlowEnabled", false).put("serviceAccountsEnabled", false);
        gateway.putObject("attributes").put("standard.token.exchange.enabled", "true");
        expect(201, api.post(other.path("/clients"), gateway));
        String machineToken = parse(expect(200, api.clientCredentials(other.name(), "critical-bot", "s3cret-critical-bot", "payments:read"))
                .body()).get("access_token").asText();

        HttpResponse<String> response = api.form("/realms/" + other.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", EXCHANGE, "client_id", "gateway", "client_secret", "s3cret-gateway",
                "subject_token", machineToken, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        assertOAuthError(response, 400, "unauthorized_client", "subject_token: it belongs to the machine identity 'critical-bot'");
    }

    /**
     * A realm that trusts a JWT issuer for the JWT authorization grant (RFC 7523), a client allowed to use it, and an
     * identity of that issuer linked to the user {@code linkedTo} (a service account too, as an admin or an import may link one).
     */
    private HttpResponse<String> jwtGrantFor(String realmName, String linkedTo, String subject) throws java.io.IOException {
        try (WorkloadIssuer issuer = WorkloadIssuer.start()) {
            ObjectNode idp = AdminApi.JSON.createObjectNode().put("alias", "grant-issuer").put("providerId", "jwt-authorization-grant")
                    .put("enabled", true).put("hideOnLogin", true);
            idp.putObject("config").put("issuer", issuer.issuer()).put("useJwksUrl", "true").put("jwksUrl", issuer.jwksUrl());
            expect(201, api.post("/admin/realms/" + realmName + "/identity-provider/instances", idp));
            ObjectNode caller = AdminApi.JSON.createObjectNode().put("clientId", "grant-caller").put("publicClient", false)
                    .put("secret", "s3cret-grant-caller").put("standardFlowEnabled", false).put("serviceAccountsEnabled", false);
            caller.putObject("attributes").put("oauth2.jwt.authorization.grant.enabled", "true")
                    .put("oauth2.jwt.authorization.grant.idp", "grant-issuer");
            expect(201, api.post("/admin/realms/" + realmName + "/clients", caller));
            expect(204, api.post("/admin/realms/" + realmName + "/users/" + linkedTo + "/federated-identity/grant-issuer",
                    Map.of("identityProvider", "grant-issuer", "userId", subject, "userName", subject)));
            return api.form("/realms/" + realmName + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "client_id", "grant-caller", "client_secret", "s3cret-grant-caller",
                    "assertion", issuer.assertion(subject, server.baseUri().resolve("/realms/" + realmName).toString())));
        }
    }

    /** Without the pack (see the baseline below): 200 and an unbound token of the machine's service account, for another client. */
    @Test
    void theJwtAuthorizationGrantMintsNothingForAMachineIdentityLinkedToAnAssertion() throws java.io.IOException {
        HttpResponse<String> response = jwtGrantFor(realm.name(), api.serviceAccountUserId(realm.name(), "subject-bot"), "machine-sub");
        JsonNode body = assertOAuthError(response, 400, "invalid_grant", "User not found");
        assertFalse(body.has("access_token"), response.body());
    }

    /** Keycloak baseline, in a realm where no policy of the pack governs the machine: the grant mints its token (and a person's). */
    @Test
    @org.junit.jupiter.api.Tag("keycloak-baseline")
    void keycloakBaselineTheJwtAuthorizationGrantMintsForALinkedServiceAccount() throws java.io.IOException {
        String ungoverned = api.createRealm("jwt-grant-baseline");
        expect(201, api.post("/admin/realms/" + ungoverned + "/clients", AdminApi.serviceAccountClient("linked-bot", Map.of())));
        String serviceAccount = api.serviceAccountUserId(ungoverned, "linked-bot");
        HttpResponse<String> response = jwtGrantFor(ungoverned, serviceAccount, "machine-sub");
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.body());
        String payload = parse(response.body()).get("access_token").asText().split("\\.")[1];
        JsonNode claims = parse(new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertEquals(serviceAccount, claims.get("sub").asText(), "a token of the machine's service account");
        org.junit.jupiter.api.Assertions.assertEquals("grant-caller", claims.get("azp").asText());
    }

    /** Without the pack: 200 with an ID token living the realm's 36,000 s, whatever cap the access token has. */
    @Test
    void aMachineIdentityGetsNoIdToken() {
        HttpResponse<String> response = api.clientCredentials(realm.name(), "subject-bot", "s3cret-subject-bot", "openid payments:read");
        JsonNode body = assertOAuthError(response, 400, "invalid_scope", "scope: openid asks for an ID token, and machine identities get none");
        assertFalse(body.has("id_token"), response.body());
    }

    @Test
    void aMachineIdentityStoredPastThePoliciesGetsNoIdTokenEither() {
        expect(200, api.partialImport(realm.name(), "OVERWRITE", GovernedRealm.compliantClient("imported-bot")));
        HttpResponse<String> response = api.clientCredentials(realm.name(), "imported-bot", "s3cret-imported-bot", "openid");
        assertOAuthError(response, 400, "invalid_scope", "openid");
    }
}
