package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.ClientAssertion;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
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
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nhi-mtls-binding on every door: certificate-bound tokens and key-based authentication, or no token at all. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtlsDoorsIT {

    private static final String X509_DN = "CN=door-x509,O=NHI Guard IT";
    private static final String JWT_DN = "CN=door-jwt,O=NHI Guard IT";
    private static final String TEST_CA = "CN=NHI Guard Test CA,O=NHI Guard IT";
    private static final String POLICY = "this client's settings do not meet the token-binding policy";

    private AdminApi api;
    private KeycloakServer server;
    private GovernedRealm realm;
    private TestPki.Issued x509Cert;
    private TestPki.Issued jwtCert;

    @BeforeAll
    void realmWithMtlsPolicy(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
        realm = GovernedRealm.create(api, "mtls-doors").withPolicies(Map.of("nhi-mtls-binding", Map.of()));
        x509Cert = server.pki().issue(X509_DN, false, Duration.ofDays(10));
        jwtCert = server.pki().issue(JWT_DN, false, Duration.ofDays(10));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.criticalX509Client("door-x509", X509_DN)));
        expect(201, api.post(realm.path("/clients"), jwtClient("door-jwt")));
    }

    private ObjectNode jwtClient(String clientId) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        client.remove("secret");
        client.put("clientAuthenticatorType", "client-jwt");
        ((ObjectNode) client.get("attributes")).put("nhi.tier", "high")
                .put("tls.client.certificate.bound.access.tokens", "true")
                .put("x509.subjectdn", JWT_DN)
                .put("x509.allow.regex.pattern.comparison", "false")
                .put("x509.casubjectdn", TEST_CA)
                .put("jwt.credential.certificate", jwtCert.certificateBase64());
        return client;
    }

    private URI tokenEndpoint(URI base) {
        return base.resolve("/realms/" + realm.name() + "/protocol/openid-connect/token");
    }

    private HttpResponse<String> mtlsToken(String clientId, TestPki.Issued certificate, Map<String, String> extra) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "client_credentials", "client_id", clientId));
        form.putAll(extra);
        return Http.postForm(server.httpsClient(certificate), tokenEndpoint(server.httpsUri()), form);
    }

    private Map<String, String> jwtAuth(TestPki.Issued key, String clientId, URI base) {
        return Map.of("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", ClientAssertion.sign(key, clientId, tokenEndpoint(base).toString()));
    }

    @Test
    void theDemoStyleClientsWork() {
        HttpResponse<String> x509 = mtlsToken("door-x509", x509Cert, Map.of());
        assertEquals(200, x509.statusCode(), x509.body());
        HttpResponse<String> jwt = mtlsToken("door-jwt", jwtCert, jwtAuth(jwtCert, "door-jwt", server.httpsUri()));
        assertEquals(200, jwt.statusCode(), jwt.body());
        assertEquals(jwtCert.x5tS256(), Jwt.decode(parse(jwt.body()).get("access_token").asText()).claims().path("cnf").path("x5t#S256").asText());
    }

    @Test
    void aCriticalClientCannotTurnPublicWithBindingOffInOneSave() {
        JsonNode before = api.client(realm.name(), "door-x509");
        ObjectNode update = (ObjectNode) before.deepCopy();
        update.put("publicClient", true).put("directAccessGrantsEnabled", true);
        ((ObjectNode) update.get("attributes")).put("tls.client.certificate.bound.access.tokens", "false");
        HttpResponse<String> response = api.put(realm.path("/clients/" + before.get("id").asText()), update);
        assertSaveRefused(response, "publicClient");
        assertSaveRefused(response, "tls.client.certificate.bound.access.tokens");
        assertEquals(before, api.client(realm.name(), "door-x509"), "nothing changed");
    }

    @Test
    void aCriticalClientMadePublicByImportGetsNoTokenFromThePasswordGrant() {
        ObjectNode client = GovernedRealm.criticalX509Client("public-critical", "CN=public-critical");
        client.put("publicClient", true).put("directAccessGrantsEnabled", true).put("clientAuthenticatorType", "client-secret");
        ((ObjectNode) client.get("attributes")).put("tls.client.certificate.bound.access.tokens", "false");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
        HttpResponse<String> response = api.form("/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "public-critical", "username", "alice", "password", GovernedRealm.PASSWORD));
        assertOAuthError(response, 400, "unauthorized_client", POLICY);
        assertTrue(parse(response.body()).get("error_description").asText().contains("publicClient: "), response.body());
    }

    @Test
    void bindingSwitchedOffBehindThePolicysBackStopsTheTokens() {
        ObjectNode client = GovernedRealm.criticalX509Client("drift-x509", "CN=drift-x509,O=NHI Guard IT");
        ((ObjectNode) client.get("attributes")).put("tls.client.certificate.bound.access.tokens", "false");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
        TestPki.Issued cert = server.pki().issue("CN=drift-x509,O=NHI Guard IT", false, Duration.ofDays(1));
        assertOAuthError(mtlsToken("drift-x509", cert, Map.of()), 400, "unauthorized_client",
                "tls.client.certificate.bound.access.tokens: ");
    }

    @Test
    void aSharedSecretImportedOverACriticalClientGetsNoToken() {
        ObjectNode client = GovernedRealm.compliantClient("door-x509-overwritten");
        ((ObjectNode) client.get("attributes")).put("nhi.tier", "critical");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
        HttpResponse<String> response = api.clientCredentials(realm.name(), "door-x509-overwritten", "s3cret-door-x509-overwritten", null);
        assertOAuthError(response, 400, "unauthorized_client", "clientAuthenticatorType: ");
    }

    @Test
    void aPrivateKeyJwtClientsCertificateMustComeFromItsIssuer() {
        TestPki.Issued sameSubjectOtherCa = server.otherPki().issue(JWT_DN, false, Duration.ofDays(1));
        HttpResponse<String> response = mtlsToken("door-jwt", sameSubjectOtherCa, jwtAuth(jwtCert, "door-jwt", server.httpsUri()));
        assertOAuthError(response, 400, "invalid_client", "client certificate: issuer ");
    }

    /**
     * private_key_jwt proves the client's key, not the certificate its token is bound to: without a registered subject,
     * any certificate the trusted CA issued was accepted for binding (CN=evil seen). Without the rule: saved, and a
     * token bound to CN=evil.
     */
    @Test
    void aPrivateKeyJwtClientWithoutARegisteredSubjectIsRefusedAndGetsNoTokenBoundToAnyCertificate() {
        ObjectNode subjectless = jwtClient("subjectless-jwt");
        ((ObjectNode) subjectless.get("attributes")).remove("x509.subjectdn");
        ((ObjectNode) subjectless.get("attributes")).put("nhi.tier", "critical");
        assertSaveRefused(api.post(realm.path("/clients"), subjectless), "x509.subjectdn");
        assertFalse(api.clientExists(realm.name(), "subjectless-jwt"));

        expect(200, api.partialImport(realm.name(), "OVERWRITE", subjectless));
        TestPki.Issued evil = server.pki().issue("CN=evil,O=NHI Guard IT", false, Duration.ofDays(1));
        HttpResponse<String> response = mtlsToken("subjectless-jwt", evil, jwtAuth(jwtCert, "subjectless-jwt", server.httpsUri()));
        JsonNode body = assertOAuthError(response, 400, "unauthorized_client", "x509.subjectdn: ");
        assertFalse(body.has("access_token"), response.body());
    }

    /**
     * The subject is compared exactly, as Keycloak's own tls_client_auth does: a look-alike the trusted CA issued (case,
     * a doubled or trailing space) is another subject. Without the exact comparison all three got a token bound to them.
     */
    @Test
    void aLookAlikeSubjectGetsAPrivateKeyJwtClientNoToken() {
        for (String lookAlike : List.of("CN=DOOR-JWT,O=NHI Guard IT", "CN=door-jwt,O=NHI  Guard IT", "CN=door-jwt\\ ,O=NHI Guard IT")) {
            TestPki.Issued impostor = server.pki().issue(lookAlike, false, Duration.ofDays(1));
            HttpResponse<String> response = mtlsToken("door-jwt", impostor, jwtAuth(jwtCert, "door-jwt", server.httpsUri()));
            assertOAuthError(response, 400, "invalid_client", "client certificate: subject ");
        }
    }

    /**
     * Keycloak answers a DPoP proof from a certificate-bound client with a token typed DPoP whose cnf holds the
     * certificate's thumbprint only (its certificate binding replaces the DPoP key's): a token that says DPoP and is
     * not bound to the DPoP key. The pack refuses the proof instead. Without it: 200, token_type DPoP, no cnf.jkt.
     */
    @Test
    void aDpopProofFromACertificateBoundClientIsRefusedRatherThanIgnored() throws Exception {
        URI endpoint = tokenEndpoint(server.httpsUri());
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", dev.nhiguard.testsupport.DpopKey.generate().proof("POST", endpoint))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=door-x509&scope=payments%3Aread")).build();
        HttpResponse<String> response = server.httpsClient(x509Cert).send(request, HttpResponse.BodyHandlers.ofString());
        assertOAuthError(response, 400, "invalid_request", "DPoP: this client's tokens are bound to its TLS certificate");
    }

    @Test
    void tokenExchangeGivesACertificateBoundClientNoUnboundToken() {
        ObjectNode caller = GovernedRealm.compliantClient("exchange-caller");
        ObjectNode audience = caller.putArray("protocolMappers").addObject().put("name", "door-jwt audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", "exchanging-jwt").put("access.token.claim", "true");
        ObjectNode exchanger = jwtClient("exchanging-jwt");
        ((ObjectNode) exchanger.get("attributes")).put("standard.token.exchange.enabled", "true");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", caller, exchanger));
        String subject = parse(expect(200, api.clientCredentials(realm.name(), "exchange-caller", "s3cret-exchange-caller", null)).body())
                .get("access_token").asText();

        Map<String, String> form = new java.util.HashMap<>(jwtAuth(jwtCert, "exchanging-jwt", api.base()));
        form.putAll(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "client_id", "exchanging-jwt",
                "subject_token", subject, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
        HttpResponse<String> response = Http.postForm(HttpClient.newHttpClient(), tokenEndpoint(api.base()), form);
        assertOAuthError(response, 400, "unauthorized_client", "token exchange");
    }

    @Test
    void anUnknownTierIsRefusedWhenSaved() {
        ObjectNode client = GovernedRealm.compliantClient("typo-tier");
        ((ObjectNode) client.get("attributes")).put("nhi.tier", "critcal");
        assertSaveRefused(api.post(realm.path("/clients"), client), "nhi.tier");
        assertFalse(api.clientExists(realm.name(), "typo-tier"));
    }

    @Test
    void aStoredUnknownTierIsReadAsTheHighest() {
        ObjectNode client = GovernedRealm.compliantClient("imported-typo-tier");
        ((ObjectNode) client.get("attributes")).put("nhi.tier", "critcal");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", client));
        HttpResponse<String> response = api.clientCredentials(realm.name(), "imported-typo-tier", "s3cret-imported-typo-tier", null);
        assertOAuthError(response, 400, "unauthorized_client", POLICY);
        JsonNode entry = realm.inventoryEntry("imported-typo-tier");
        assertEquals("critical", entry.get("tier").asText());
        assertTrue(entry.get("findings").toString().contains("UNKNOWN_TIER"), entry.toString());
    }

    @Test
    void aSubjectComparedAsARegularExpressionIsRefused() {
        ObjectNode wildcard = GovernedRealm.criticalX509Client("wildcard-x509", ".*");
        ((ObjectNode) wildcard.get("attributes")).put("x509.allow.regex.pattern.comparison", "true");
        assertSaveRefused(api.post(realm.path("/clients"), wildcard), "x509.allow.regex.pattern.comparison");
        ObjectNode keycloaksDefault = GovernedRealm.criticalX509Client("default-regex-x509", X509_DN);
        ((ObjectNode) keycloaksDefault.get("attributes")).remove("x509.allow.regex.pattern.comparison");
        assertSaveRefused(api.post(realm.path("/clients"), keycloaksDefault), "x509.allow.regex.pattern.comparison");
        assertFalse(api.clientExists(realm.name(), "wildcard-x509") || api.clientExists(realm.name(), "default-regex-x509"));

        expect(200, api.partialImport(realm.name(), "OVERWRITE", wildcard));
        TestPki.Issued anyone = server.pki().issue("CN=anyone-at-all,O=NHI Guard IT", false, Duration.ofDays(1));
        assertOAuthError(mtlsToken("wildcard-x509", anyone, Map.of()), 400, "unauthorized_client",
                "x509.allow.regex.pattern.comparison: authentication without a key");
    }

    @Test
    void anEnvironmentDisguisedWithInvisibleOrLookAlikeCharactersStaysInItsPolicy() {
        GovernedRealm prodOnly = GovernedRealm.create(api, "mtls-env");
        ObjectNode profiles = AdminApi.JSON.createObjectNode();
        profiles.putArray("profiles").addObject().put("name", "bound").putArray("executors").addObject()
                .put("executor", "nhi-mtls-binding").putObject("configuration");
        expect(204, api.put(prodOnly.path("/client-policies/profiles"), profiles));
        ObjectNode policies = AdminApi.JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject().put("name", "prod").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "nhi-attributes").putObject("configuration")
                .putArray("environments").add("prod");
        policy.putArray("profiles").add("bound");
        expect(204, api.put(prodOnly.path("/client-policies/policies"), policies));
        for (String disguised : List.of("prod\u200b", "pr\u043ed", "\uff50rod")) {
            ObjectNode client = GovernedRealm.compliantClient("env-" + Integer.toHexString(disguised.hashCode()));
            ((ObjectNode) client.get("attributes")).put("nhi.environment", disguised);
            assertSaveRefused(api.post(prodOnly.path("/clients"), client), "nhi.environment");
            expect(200, api.partialImport(prodOnly.name(), "OVERWRITE", client));
            String clientId = client.get("clientId").asText();
            assertOAuthError(api.clientCredentials(prodOnly.name(), clientId, "s3cret-" + clientId, null), 400, "unauthorized_client",
                    "nhi.environment: ");
        }
    }

    @Test
    void aBadExecutorOptionIsANamedRefusalNotAServerError() {
        String other = api.createRealm("mtls-options");
        HttpResponse<String> response = api.saveProfile(other, "nhi-mtls-binding", Map.of("allowed-auth-methods", List.of("client_secret_basic")));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("nhi-mtls-binding: allowed-auth-methods: must be one or more of tls_client_auth, private_key_jwt, federated-jwt",
                parse(response.body()).get("errorMessage").asText());
    }
}
