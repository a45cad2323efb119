package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.ClientAssertion;
import dev.nhiguard.testsupport.DpopKey;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.SampleResourceServer;
import dev.nhiguard.testsupport.TestPki;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nhi-mtls-binding with {@code sender-constraints: [dpop]}: critical machine identities get tokens bound to a DPoP key
 * (RFC 9449), proved with real proofs signed in the test, and a resource server that checks them.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DpopBindingIT {

    private static final String DN = "CN=dpop-bot,O=NHI Guard IT";

    private AdminApi api;
    private KeycloakServer server;
    private String realm;
    private TestPki.Issued key;
    private final DpopKey dpopKey = DpopKey.generate();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void realmWithDpopPolicy(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
        realm = api.createRealm("dpop");
        api.enableExecutor(realm, "nhi-mtls-binding", Map.of("sender-constraints", List.of("dpop")),
                "nhi-attributes", Map.of("tiers", List.of("high", "critical")));
        key = server.pki().issue(DN, false, Duration.ofDays(10));
        expect(201, api.post("/admin/realms/" + realm + "/clients", dpopClient("dpop-bot")));
        expect(201, api.createServiceAccountClient(realm, "payments-rs", Map.of()));
    }

    private ObjectNode dpopClient(String clientId) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of("nhi.tier", "critical", "dpop.bound.access.tokens", "true",
                "jwt.credential.certificate", key.certificateBase64()));
        client.put("clientAuthenticatorType", "client-jwt").remove("secret");
        // the resource server may introspect only tokens meant for it
        return AdminApi.withAudience(client, "payments-rs");
    }

    private URI tokenEndpoint() {
        return server.baseUri().resolve("/realms/" + realm + "/protocol/openid-connect/token");
    }

    /** A client_credentials request authenticated with the client's key, with {@code proof} as its DPoP header (none when null). */
    private HttpResponse<String> tokenRequest(String clientId, String proof) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", ClientAssertion.sign(key, clientId, tokenEndpoint().toString())));
        String body = form.entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return Http.send(http, request.build());
    }

    private String boundToken() {
        HttpResponse<String> response = tokenRequest("dpop-bot", dpopKey.proof("POST", tokenEndpoint()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("DPoP", parse(response.body()).get("token_type").asText());
        return parse(response.body()).get("access_token").asText();
    }

    @Test
    void aTokenIsBoundToTheKeyThatSignedTheProof() {
        JsonNode claims = Jwt.decode(boundToken()).claims();
        assertEquals(dpopKey.thumbprint(), claims.path("cnf").path("jkt").asText(), "cnf.jkt is the RFC 7638 thumbprint of the proof's key");
        JsonNode entry = api.inventoryEntry(realm, "dpop-bot");
        assertEquals("dpop", entry.get("senderConstraint").asText());
        assertEquals("private_key_jwt", entry.get("credentialType").asText());
        assertFalse(entry.get("findings").toString().contains("UNBOUND_TOKENS"), entry.toString());
        assertFalse(entry.get("findings").toString().contains("KEYLESS_AUTH"), "no certificate subject is asked of a DPoP-bound client: "
                + entry);
    }

    @Test
    void aResourceServerTakesTheTokenOnlyWithAFreshProofOfItsKey() throws IOException {
        String token = boundToken();
        URI introspection = server.baseUri().resolve("/realms/" + realm + "/protocol/openid-connect/token/introspect");
        try (SampleResourceServer rs = new SampleResourceServer(server.pki(), introspection, "payments-rs", "s3cret-payments-rs")) {
            HttpClient caller = server.httpsClient(null);
            URI resource = rs.dpopUri();
            assertEquals(new Verdict(200, "payments for dpop-bot"), call(caller, resource, "DPoP " + token, dpopKey.proofFor("GET", resource, token)));

            assertEquals(new Verdict(401, "DPoP token required"), call(caller, resource, "Bearer " + token, null), "a stolen token as a bearer token");
            assertEquals(new Verdict(401, "DPoP proof required"), call(caller, resource, "DPoP " + token, null));
            DpopKey thief = DpopKey.generate();
            assertEquals(new Verdict(401, "token is bound to another key"), call(caller, resource, "DPoP " + token, thief.proofFor("GET", resource, token)),
                    "a proof for another key");

            String proof = dpopKey.proofFor("GET", resource, token);
            assertEquals(200, call(caller, resource, "DPoP " + token, proof).status());
            assertEquals(new Verdict(401, "DPoP proof replayed"), call(caller, resource, "DPoP " + token, proof), "the same proof twice");

            assertEquals(new Verdict(401, "DPoP proof is for another method"),
                    call(caller, resource, "DPoP " + token, dpopKey.proofFor("POST", resource, token)));
            assertEquals(new Verdict(401, "DPoP proof is for another URL"),
                    call(caller, resource, "DPoP " + token, dpopKey.proofFor("GET", rs.uri(), token)));
            assertEquals(new Verdict(401, "DPoP proof is for another access token"),
                    call(caller, resource, "DPoP " + token, dpopKey.proofFor("GET", resource, boundToken())));
            assertEquals(new Verdict(401, "DPoP proof is not fresh"), call(caller, resource, "DPoP " + token,
                    dpopKey.proof("GET", resource, token, UUID.randomUUID().toString(), Instant.now().minusSeconds(600))));
        }
    }

    private record Verdict(int status, String body) {
    }

    private static Verdict call(HttpClient caller, URI resource, String authorization, String proof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resource).header("Authorization", authorization).GET();
        if (proof != null) {
            request.header("DPoP", proof);
        }
        HttpResponse<String> response = Http.send(caller, request.build());
        return new Verdict(response.statusCode(), response.body());
    }

    /**
     * Keycloak baseline: its token endpoint refuses a DPoP-bound client's request without a proof, with a proof for
     * another URL, or with a proof it has seen. What the pack adds is that a critical client is DPoP-bound at all.
     */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineTheTokenEndpointRefusesMissingWrongOrReplayedProofs() {
        assertOAuthError(tokenRequest("dpop-bot", null), 400, "invalid_request", "DPoP proof is missing");
        assertOAuthError(tokenRequest("dpop-bot", dpopKey.proof("POST", server.baseUri().resolve("/elsewhere"))), 400, "invalid_request",
                "DPoP HTTP URL mismatch");
        String proof = dpopKey.proof("POST", tokenEndpoint());
        assertEquals(200, tokenRequest("dpop-bot", proof).statusCode());
        assertOAuthError(tokenRequest("dpop-bot", proof), 400, "invalid_request", "DPoP proof has already been used");
    }

    @Test
    void aCriticalClientWithoutDpopOrWithASecretIsNotSaved() {
        ObjectNode unbound = dpopClient("unbound-bot");
        ((ObjectNode) unbound.get("attributes")).remove("dpop.bound.access.tokens");
        HttpResponse<String> refused = api.post("/admin/realms/" + realm + "/clients", unbound);
        assertSaveRefused(refused, "dpop.bound.access.tokens");
        assertTrue(parse(refused.body()).get("error_description").asText().contains("bound to a DPoP key it holds (RFC 9449)"), refused.body());
        assertFalse(api.clientExists(realm, "unbound-bot"));

        HttpResponse<String> secret = api.createServiceAccountClient(realm, "secret-bot", Map.of("nhi.tier", "critical",
                "dpop.bound.access.tokens", "true"));
        assertSaveRefused(secret, "clientAuthenticatorType");
        assertTrue(parse(secret.body()).get("error_description").asText()
                .contains("use tls_client_auth (client-x509) or private_key_jwt (client-jwt) or federated-jwt"), secret.body());

        ObjectNode both = dpopClient("both-bot");
        ((ObjectNode) both.get("attributes")).put("tls.client.certificate.bound.access.tokens", "true");
        HttpResponse<String> twice = api.post("/admin/realms/" + realm + "/clients", both);
        assertSaveRefused(twice, "dpop.bound.access.tokens");
        assertTrue(parse(twice.body()).get("error_description").asText().contains("choose one"), twice.body());
    }

    /** Partial import is a door client policies never see: a DPoP-bound client switched to unbound there gets no token at all. */
    @Test
    void aClientUnboundBehindThePolicysBackGetsNoToken() {
        ObjectNode drifted = dpopClient("drift-bot");
        expect(201, api.post("/admin/realms/" + realm + "/clients", drifted));
        ((ObjectNode) drifted.get("attributes")).put("dpop.bound.access.tokens", "false");
        expect(200, api.partialImport(realm, "OVERWRITE", drifted));
        assertOAuthError(tokenRequest("drift-bot", dpopKey.proof("POST", tokenEndpoint())), 400, "unauthorized_client",
                "token-binding policy: dpop.bound.access.tokens: unbound tokens (UNBOUND_TOKENS)");
        assertOAuthError(tokenRequest("drift-bot", null), 400, "unauthorized_client",
                "token-binding policy: dpop.bound.access.tokens: unbound tokens (UNBOUND_TOKENS)");
    }

    @Test
    void autoConfigureBindsANewClientWithTheFirstAcceptedConstraint() {
        String other = api.createRealm("dpop-auto");
        api.enableExecutor(other, "nhi-mtls-binding", Map.of("sender-constraints", List.of("dpop", "mtls"), "auto-configure", true),
                "nhi-attributes", Map.of("tiers", List.of("critical")));
        ObjectNode unbound = dpopClient("auto-bot");
        ((ObjectNode) unbound.get("attributes")).remove("dpop.bound.access.tokens");
        expect(201, api.post("/admin/realms/" + other + "/clients", unbound));
        JsonNode saved = api.client(other, "auto-bot").get("attributes");
        assertEquals("true", saved.path("dpop.bound.access.tokens").asText());
        assertFalse(saved.has("tls.client.certificate.bound.access.tokens") && saved.get("tls.client.certificate.bound.access.tokens").asBoolean());
    }

    @Test
    void anUnknownSenderConstraintIsRefusedNamingTheOption() {
        String other = api.createRealm("dpop-options");
        HttpResponse<String> response = api.saveProfile(other, "nhi-mtls-binding", Map.of("sender-constraints", List.of("dpopp")));
        assertAdminError(response, 400, "sender-constraints");
        assertTrue(response.body().contains("mtls, dpop"), response.body());
        HttpResponse<String> wrongType = api.saveProfile(other, "nhi-mtls-binding", Map.of("sender-constraints", 7));
        assertAdminError(wrongType, 400, "sender-constraints");
    }
}
