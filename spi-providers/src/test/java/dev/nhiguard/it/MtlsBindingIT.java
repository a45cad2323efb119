package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.ClientAssertion;
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
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nhi-attributes + nhi-mtls-binding over real TLS with certificates made for this run. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtlsBindingIT {

    private static final String CRITICAL_DN = "CN=critical-bot,O=NHI Guard IT";
    private static final String JWT_DN = "CN=jwt-bot,O=NHI Guard IT";

    private AdminApi api;
    private KeycloakServer server;
    private String realm;
    private TestPki.Issued criticalCert;
    private TestPki.Issued jwtCert;
    private TestPki.Issued intruderCert;

    @BeforeAll
    void realmWithMtlsPolicy(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
        realm = api.createRealm("mtls");
        api.enableExecutor(realm, "nhi-mtls-binding", Map.of(), "nhi-attributes", Map.of("tiers", List.of("high", "critical")));
        criticalCert = server.pki().issue(CRITICAL_DN, false, Duration.ofDays(10));
        jwtCert = server.pki().issue(JWT_DN, false, Duration.ofDays(10));
        intruderCert = server.pki().issue("CN=intruder,O=NHI Guard IT", false, Duration.ofDays(10));

        expect(201, api.post("/admin/realms/" + realm + "/clients", x509Client("critical-bot", CRITICAL_DN)));
        ObjectNode jwtBot = AdminApi.serviceAccountClient("jwt-bot", Map.of("nhi.tier", "high",
                "tls.client.certificate.bound.access.tokens", "true", "x509.subjectdn", JWT_DN, "x509.allow.regex.pattern.comparison", "false",
                "jwt.credential.certificate", jwtCert.certificateBase64()));
        jwtBot.put("clientAuthenticatorType", "client-jwt").remove("secret");
        expect(201, api.post("/admin/realms/" + realm + "/clients", jwtBot));
        expect(201, api.createServiceAccountClient(realm, "standard-bot", Map.of("nhi.tier", "standard")));
        expect(201, api.createServiceAccountClient(realm, "payments-rs", Map.of()));
    }

    private static ObjectNode x509Client(String clientId, String subject) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of("nhi.tier", "critical",
                "tls.client.certificate.bound.access.tokens", "true", "x509.subjectdn", subject,
                "x509.allow.regex.pattern.comparison", "false", "x509.casubjectdn", "CN=NHI Guard Test CA,O=NHI Guard IT"));
        client.put("clientAuthenticatorType", "client-x509").remove("secret");
        // the resource server may introspect only tokens meant for it
        return AdminApi.withAudience(client, "payments-rs");
    }

    private URI tokenEndpoint(URI base) {
        return base.resolve("/realms/" + realm + "/protocol/openid-connect/token");
    }

    private HttpResponse<String> criticalToken(TestPki.Issued certificate) {
        return Http.postForm(server.httpsClient(certificate), tokenEndpoint(server.httpsUri()),
                Map.of("grant_type", "client_credentials", "client_id", "critical-bot", "scope", "openid"));
    }

    private String boundToken() {
        HttpResponse<String> response = criticalToken(criticalCert);
        assertEquals(200, response.statusCode(), response.body());
        return parse(response.body()).get("access_token").asText();
    }

    @Test
    void aTokenIssuedOverMutualTlsIsBoundToTheClientCertificate() {
        JsonNode claims = Jwt.decode(boundToken()).claims();
        assertEquals(criticalCert.x5tS256(), claims.get("cnf").get("x5t#S256").asText(),
                "cnf.x5t#S256 is the base64url SHA-256 of the certificate's DER");
        api.flushUsage(realm);
        JsonNode entry = api.inventoryEntry(realm, "critical-bot");
        assertEquals(criticalCert.certificate().getNotAfter().toInstant().toString(), entry.get("certificateNotAfter").asText(),
                "the certificate in use is remembered, in the pack's own table");
        assertFalse(api.client(realm, "critical-bot").get("attributes").has("nhi.cert.not-after"), "no client attribute written on the token path");
    }

    /**
     * Keycloak baseline: Keycloak itself refuses a bound token at userinfo without its certificate. What the pack adds
     * is that a critical client's tokens are bound at all (the test above); this shows the binding works end to end.
     */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineTheBoundTokenIsUselessWithAnotherCertificateOrNone() {
        String token = boundToken();
        URI userinfo = server.httpsUri().resolve("/realms/" + realm + "/protocol/openid-connect/userinfo");
        HttpRequest request = HttpRequest.newBuilder(userinfo).header("Authorization", "Bearer " + token).GET().build();
        assertEquals(200, Http.send(server.httpsClient(criticalCert), request).statusCode());
        assertEquals(401, Http.send(server.httpsClient(intruderCert), request).statusCode());
        assertEquals(401, Http.send(server.httpsClient(null), request).statusCode());
    }

    /** Keycloak baseline: its X.509 client authenticator refuses a missing or foreign certificate, with or without the pack. */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineAnX509ClientWithoutCertificateOrWithAnotherSubjectIsRefused() {
        HttpResponse<String> none = criticalToken(null);
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("invalid_client", parse(none.body()).get("error").asText());
        HttpResponse<String> intruder = criticalToken(intruderCert);
        assertEquals(401, intruder.statusCode(), intruder.body());
        assertEquals("invalid_client", parse(intruder.body()).get("error").asText());
    }

    private HttpResponse<String> jwtToken(HttpClient http, URI base) {
        return Http.postForm(http, tokenEndpoint(base), Map.of("grant_type", "client_credentials", "client_id", "jwt-bot",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", ClientAssertion.sign(jwtCert, "jwt-bot", tokenEndpoint(base).toString())));
    }

    @Test
    void aPrivateKeyJwtClientMustStillComeOverMutualTlsWithItsOwnCertificate() {
        HttpResponse<String> plain = jwtToken(HttpClient.newHttpClient(), server.baseUri());
        assertEquals(400, plain.statusCode(), plain.body());
        JsonNode error = parse(plain.body());
        assertEquals("invalid_client", error.get("error").asText());
        assertTrue(error.get("error_description").asText().startsWith("client certificate: none presented"), plain.body());

        HttpResponse<String> intruder = jwtToken(server.httpsClient(intruderCert), server.httpsUri());
        assertEquals(400, intruder.statusCode(), intruder.body());
        assertTrue(parse(intruder.body()).get("error_description").asText()
                .startsWith("client certificate: subject 'CN=intruder,O=NHI Guard IT' does not match"), intruder.body());

        HttpResponse<String> own = jwtToken(server.httpsClient(jwtCert), server.httpsUri());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(jwtCert.x5tS256(),
                Jwt.decode(parse(own.body()).get("access_token").asText()).claims().get("cnf").get("x5t#S256").asText());
    }

    @Test
    void aStandardTierClientIsUntouched() {
        HttpResponse<String> response = api.clientCredentials(realm, "standard-bot", "s3cret-standard-bot");
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(Jwt.decode(parse(response.body()).get("access_token").asText()).claims().has("cnf"));
    }

    @Test
    void highTierClientsWithoutKeyOrBindingAreRefusedWhenSaved() {
        HttpResponse<String> secret = api.createServiceAccountClient(realm, "secret-critical", Map.of("nhi.tier", "critical"));
        assertEquals(400, secret.statusCode(), secret.body());
        String description = parse(secret.body()).get("error_description").asText();
        assertTrue(description.startsWith("clientAuthenticatorType: 'client-secret' is not tied to a key"), description);
        assertTrue(description.contains("; tls.client.certificate.bound.access.tokens: must be on"), description);
        assertFalse(api.clientExists(realm, "secret-critical"));

        ObjectNode noSubject = x509Client("no-subject", CRITICAL_DN);
        ((ObjectNode) noSubject.get("attributes")).remove("x509.subjectdn");
        HttpResponse<String> refused = api.post("/admin/realms/" + realm + "/clients", noSubject);
        assertEquals(400, refused.statusCode());
        assertTrue(parse(refused.body()).get("error_description").asText().startsWith("x509.subjectdn: required"), refused.body());

        // lowering the tier on save takes the client out of the policy's reach only through an audited admin update
        JsonNode critical = api.client(realm, "critical-bot");
        ObjectNode downgrade = (ObjectNode) critical.deepCopy();
        downgrade.put("clientAuthenticatorType", "client-secret");
        HttpResponse<String> downgraded = api.put("/admin/realms/" + realm + "/clients/" + critical.get("id").asText(), downgrade);
        assertEquals(400, downgraded.statusCode(), downgraded.body());
        assertTrue(downgraded.body().contains("clientAuthenticatorType: 'client-secret' is not tied to a key"), downgraded.body());
    }

    @Test
    void anUnknownTierInTheConditionIsRefusedWhenThePolicyIsSaved() {
        String other = api.createRealm("mtls-config");
        ObjectNode policies = AdminApi.JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", "typo").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "nhi-attributes")
                .putObject("configuration").putArray("tiers").add("critcal");
        policy.putArray("profiles");
        HttpResponse<String> response = api.put("/admin/realms/" + other + "/client-policies/policies", policies);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("tiers: ") && response.body().contains("critcal"), "the pack names the option and the value: "
                + response.body());
    }

    @Test
    void aResourceServerRejectsTheTokenReplayedFromAnotherCertificate() throws IOException {
        String token = boundToken();
        URI introspection = server.httpsUri().resolve("/realms/" + realm + "/protocol/openid-connect/token/introspect");
        try (SampleResourceServer rs = new SampleResourceServer(server.pki(), introspection, "payments-rs", "s3cret-payments-rs")) {
            HttpRequest call = HttpRequest.newBuilder(rs.uri()).header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> owner = Http.send(server.httpsClient(criticalCert), call);
            assertEquals(200, owner.statusCode(), owner.body());
            assertEquals("payments for critical-bot", owner.body());
            HttpResponse<String> replay = Http.send(server.httpsClient(intruderCert), call);
            assertEquals(401, replay.statusCode());
            assertEquals("token is bound to another certificate", replay.body());
            assertEquals(401, Http.send(server.httpsClient(null), call).statusCode());
        }
    }
}
