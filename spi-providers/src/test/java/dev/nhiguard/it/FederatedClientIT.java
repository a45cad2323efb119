package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.DpopKey;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.WorkloadIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secretless machine clients: Keycloak's federated client authentication ({@code federated-jwt}) with an issuer the
 * test runs (its JWKS served from a key pair made for the run), under the pack's tier policy.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedClientIT {

    private AdminApi api;
    private KeycloakServer server;
    private String realm;
    private WorkloadIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final DpopKey dpopKey = DpopKey.generate();

    @BeforeAll
    void realmTrustingAWorkloadIssuer(AdminApi api, KeycloakServer server) throws IOException {
        this.api = api;
        this.server = server;
        issuer = WorkloadIssuer.start();
        realm = api.createRealm("federated");
        api.enableExecutor(realm, "nhi-mtls-binding", Map.of("sender-constraints", List.of("dpop")),
                "nhi-attributes", Map.of("tiers", List.of("high", "critical")));
        ObjectNode idp = JSON.createObjectNode().put("alias", "workloads").put("providerId", "oidc").put("enabled", true).put("hideOnLogin", true);
        idp.putObject("config").put("issuer", issuer.issuer()).put("supportsClientAssertions", "true").put("useJwksUrl", "true")
                .put("jwksUrl", issuer.jwksUrl());
        expect(201, api.post("/admin/realms/" + realm + "/identity-provider/instances", idp));
        expect(201, api.post("/admin/realms/" + realm + "/clients", federatedClient("batch-bot", "system:serviceaccount:batch:bot", "standard")));
        expect(201, api.post("/admin/realms/" + realm + "/clients", federatedClient("ledger-bot", "system:serviceaccount:ledger:bot", "critical")));
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    private static ObjectNode federatedClient(String clientId, String subject, String tier) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of("nhi.tier", tier, "jwt.credential.issuer", "workloads",
                "jwt.credential.sub", subject));
        client.put("clientAuthenticatorType", "federated-jwt").remove("secret");
        if (tier.equals("critical")) {
            ((ObjectNode) client.get("attributes")).put("dpop.bound.access.tokens", "true");
        }
        return client;
    }

    private URI tokenEndpoint() {
        return server.baseUri().resolve("/realms/" + realm + "/protocol/openid-connect/token");
    }

    /** The audience Keycloak expects of a client assertion from a federated issuer: the realm's issuer. */
    private String audience() {
        return server.baseUri().resolve("/realms/" + realm).toString();
    }

    private HttpResponse<String> tokenRequest(String assertion, String proof) {
        String body = Map.of("grant_type", "client_credentials",
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion)
                .entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return Http.send(http, request.build());
    }

    @Test
    void aWorkloadTokenFromTheTrustedIssuerIsTheOnlyCredential() {
        HttpResponse<String> response = tokenRequest(issuer.assertion("system:serviceaccount:batch:bot", audience()), null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode claims = Jwt.decode(parse(response.body()).get("access_token").asText()).claims();
        assertEquals("batch-bot", claims.get("azp").asText());
        JsonNode entry = api.inventoryEntry(realm, "batch-bot");
        assertEquals("federated", entry.get("credentialType").asText());
        assertFalse(entry.get("findings").toString().contains("SECRET"), "no secret finding for a secretless client: " + entry);
    }

    @Test
    void aCriticalFederatedClientGetsDpopBoundTokens() {
        HttpResponse<String> response = tokenRequest(issuer.assertion("system:serviceaccount:ledger:bot", audience()),
                dpopKey.proof("POST", tokenEndpoint()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(dpopKey.thumbprint(), Jwt.decode(parse(response.body()).get("access_token").asText()).claims().path("cnf").path("jkt").asText());
        assertEquals("dpop", api.inventoryEntry(realm, "ledger-bot").get("senderConstraint").asText());
    }

    /** The pack's tier policy takes federated-jwt for a key only where the policy allows it. */
    @Test
    void aPolicyThatAllowsOnlyCertificatesRefusesAFederatedClient() {
        String other = api.createRealm("federated-x509");
        api.enableExecutor(other, "nhi-mtls-binding", Map.of("sender-constraints", List.of("dpop"), "allowed-auth-methods", List.of("tls_client_auth")),
                "nhi-attributes", Map.of("tiers", List.of("critical")));
        HttpResponse<String> refused = api.post("/admin/realms/" + other + "/clients",
                federatedClient("ledger-bot", "system:serviceaccount:ledger:bot", "critical"));
        assertSaveRefused(refused, "clientAuthenticatorType");
        assertTrue(parse(refused.body()).get("error_description").asText().contains("'federated-jwt' is not tied to a key"), refused.body());
    }

    /** Keycloak baseline: its federated authenticator refuses a forged, foreign, stale or replayed workload token. */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineOnlyAValidFreshWorkloadTokenAuthenticates() {
        assertOAuthError(tokenRequest(issuer.forged("system:serviceaccount:batch:bot", audience()), null), 401, "invalid_client", "Invalid client");
        assertOAuthError(tokenRequest(issuer.assertion("system:serviceaccount:other:bot", audience()), null), 401, "invalid_client",
                "Invalid client");
        assertOAuthError(tokenRequest(issuer.assertion("system:serviceaccount:batch:bot", server.baseUri().resolve("/realms/master").toString()),
                null), 400, "invalid_client", "Invalid token audience");
        Instant past = Instant.now().minusSeconds(3600);
        assertOAuthError(tokenRequest(issuer.assertion("system:serviceaccount:batch:bot", audience(), UUID.randomUUID().toString(), past,
                past.plusSeconds(60)), null), 400, "invalid_client", "Token is not active");
        String once = issuer.assertion("system:serviceaccount:batch:bot", audience());
        assertEquals(200, tokenRequest(once, null).statusCode());
        assertOAuthError(tokenRequest(once, null), 400, "invalid_client", "Token reuse detected");
    }
}
