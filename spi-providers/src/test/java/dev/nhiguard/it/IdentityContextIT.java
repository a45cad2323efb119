package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.telemetry.OcsfCheck;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.IdentityContextRecords;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.IdentityContextRecords.nhi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One identity-context record per token request of a machine identity, read back from Keycloak's own JSON log file
 * (the shared server writes one): OCSF Authentication, with who, what, from where, the decision and the token.
 */
@ExtendWith(KeycloakServerExtension.class)
class IdentityContextIT {

    @Test
    void everyTokenRequestYieldsExactlyOneRecordWithTheIdentitysContext(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "context").withDemoPolicies();
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("ledger-bot")));
        String subject = api.serviceAccountUserId(realm.name(), "ledger-bot");
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());

        String grantedAgent = agent();
        HttpResponse<String> granted = api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "ledger-bot",
                "client_secret", "s3cret-ledger-bot", "scope", "payments:read"), grantedAgent);
        assertEquals(200, granted.statusCode(), granted.body());
        String narrowAgent = agent();
        HttpResponse<String> tooBroad = api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "ledger-bot",
                "client_secret", "s3cret-ledger-bot", "scope", "payments"), narrowAgent);
        assertEquals(400, tooBroad.statusCode(), tooBroad.body());
        String strangerAgent = agent();
        assertEquals(401, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "ledger-bot",
                "client_secret", "wrong", "scope", "payments:write"), strangerAgent).statusCode());
        String passwordAgent = agent();
        HttpResponse<String> password = api.tokenRequest(realm.name(), Map.of("grant_type", "password", "client_id", "ledger-bot",
                "client_secret", "s3cret-ledger-bot", "username", "alice", "password", GovernedRealm.PASSWORD), passwordAgent);
        assertFalse(password.statusCode() == 200, password.body());
        String last = agent();
        api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "ledger-bot",
                "client_secret", "s3cret-ledger-bot", "scope", "payments:read"), last);
        records.awaitUserAgent(last);

        for (String agent : List.of(grantedAgent, narrowAgent, strangerAgent, passwordAgent)) {
            assertEquals(1, records.withUserAgent(agent).size(), "one record per request: " + records.withUserAgent(agent));
            // the OCSF 1.3.0 schema itself (ocsf/ocsf-schema's files), as a SIEM's schema check reads the record
            assertEquals(List.of(), OcsfCheck.problems(records.withUserAgent(agent).get(0)), records.withUserAgent(agent).get(0).toString());
        }
        JsonNode ok = records.withUserAgent(grantedAgent).get(0);
        Jwt token = Jwt.decode(parse(granted.body()).get("access_token").asText());
        assertEquals(3002, ok.get("class_uid").asInt(), ok.toString());
        assertEquals(300201, ok.get("type_uid").asInt());
        assertEquals("1.3.0", ok.get("metadata").get("version").asText());
        assertEquals(1, ok.get("status_id").asInt());
        assertEquals(subject, ok.get("user").get("uid").asText());
        assertEquals(token.claims().get("sub").asText(), ok.get("user").get("uid").asText());
        assertEquals("ledger-bot", ok.get("user").get("name").asText());
        assertEquals("127.0.0.1", ok.get("src_endpoint").get("ip").asText());
        assertEquals(token.claims().get("jti").asText(), ok.get("session").get("uid").asText());
        JsonNode context = nhi(ok);
        assertEquals(realm.name(), context.get("realm").asText());
        assertEquals("alice", context.get("owner").asText());
        assertEquals("client_credentials", context.get("grant_type").asText());
        assertEquals("granted", context.get("decision").asText());
        assertEquals("[\"payments:read\"]", context.get("scopes_requested").toString());
        assertTrue(context.get("scopes_granted").toString().contains("payments:read"), context.toString());
        assertEquals(token.claims().get("exp").asLong() - token.claims().get("iat").asLong(), context.get("token_lifetime_seconds").asLong());

        JsonNode refused = records.withUserAgent(narrowAgent).get(0);
        assertEquals(2, refused.get("status_id").asInt());
        assertEquals("invalid_scope", refused.get("status_code").asText());
        assertEquals("nhi-scope-narrowing", nhi(refused).get("rule").asText());
        assertEquals("[\"payments\"]", nhi(refused).get("scopes_requested").toString());
        assertFalse(refused.has("session"), "no token: " + refused);

        JsonNode stranger = records.withUserAgent(strangerAgent).get(0);
        assertEquals("refused", nhi(stranger).get("decision").asText());
        assertEquals("keycloak", nhi(stranger).get("rule").asText());
        assertFalse(nhi(stranger).get("authenticated").asBoolean(), stranger.toString());
        assertEquals("[]", nhi(stranger).get("scopes_requested").toString(), "what a stranger asked for is no fact of the client");

        JsonNode human = records.withUserAgent(passwordAgent).get(0);
        assertEquals("password", nhi(human).get("grant_type").asText());
        assertEquals("refused", nhi(human).get("decision").asText());
    }

    @Test
    void noSecretAssertionTokenOrPasswordReachesARecordOrTheLog(AdminApi api, KeycloakServer server) throws Exception {
        GovernedRealm realm = GovernedRealm.create(api, "canary").withDemoPolicies();
        String secret = "canary-secret-" + UUID.randomUUID();
        var client = GovernedRealm.compliantClient("canary-bot").put("secret", secret);
        expect(201, api.post(realm.path("/clients"), client));
        String wrongSecret = "canary-wrong-" + UUID.randomUUID();
        String password = "canary-password-" + UUID.randomUUID();
        String forgedAssertion = "eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOiIx" + UUID.randomUUID().toString().replace("-", "") + ".c2ln";
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());

        HttpResponse<String> granted = api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "canary-bot",
                "client_secret", secret, "scope", "payments:read"), agent());
        String accessToken = parse(granted.body()).get("access_token").asText();
        api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "canary-bot", "client_secret", wrongSecret), agent());
        api.tokenRequest(realm.name(), Map.of("grant_type", "password", "client_id", "canary-bot", "client_secret", secret,
                "username", "alice", "password", password), agent());
        api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "canary-bot",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", forgedAssertion), agent());
        api.tokenRequest(realm.name(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "client_id", "canary-bot",
                "client_secret", secret, "subject_token", accessToken), agent());
        String last = agent();
        api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "canary-bot", "client_secret", secret,
                "scope", "payments:read"), last);
        records.awaitUserAgent(last);

        List<JsonNode> canaryRecords = records.matching(r -> "canary-bot".equals(nhi(r).path("client_id").asText()));
        assertEquals(6, canaryRecords.size(), "one per request: " + canaryRecords);
        String signature = accessToken.substring(accessToken.lastIndexOf('.') + 1);
        for (Path log : List.of(server.jsonLog(), Path.of(System.getProperty("nhi.server.log", "target/keycloak-it.log")))) {
            String text = Files.readString(log);
            for (String canary : List.of(secret, wrongSecret, password, forgedAssertion, accessToken, signature)) {
                assertFalse(text.contains(canary), log + " holds a secret: " + canary.substring(0, 20) + "...");
            }
        }
    }

    @Test
    void aCertificateBoundTokensRecordCarriesTheCertificate(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "context-mtls").withDemoPolicies();
        TestPki.Issued certificate = server.pki().issue("CN=context-gateway,O=NHI Guard IT", false, Duration.ofDays(5));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.criticalX509Client("context-gateway", certificate.subject())));
        String agent = agent();
        URI endpoint = server.httpsUri().resolve("/realms/" + realm.name() + "/protocol/openid-connect/token");
        HttpResponse<String> response = Http.send(server.httpsClient(certificate), HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", agent)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=context-gateway&scope=payments%3Aread"))
                .build());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode record = new IdentityContextRecords(server.jsonLog()).awaitUserAgent(agent);
        String x5t = Jwt.decode(parse(response.body()).get("access_token").asText()).claims().get("cnf").get("x5t#S256").asText();
        assertEquals(x5t, nhi(record).get("cnf_x5t_s256").asText());
        assertEquals(HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(x5t)),
                record.get("certificate").get("fingerprints").get(0).get("value").asText());
        assertEquals(certificate.subject(), record.get("certificate").get("subject").asText());
        assertEquals(certificate.issuer().getSubjectX500Principal().getName(), record.get("certificate").get("issuer").asText());
        assertTrue(record.get("certificate").get("serial_number").asText().matches("[0-9a-f]+"), record.toString());
        assertEquals("critical", nhi(record).get("tier").asText());
        assertEquals(List.of(), OcsfCheck.problems(record), "OCSF requires a certificate's issuer and serial number: " + record);
    }

    private static String agent() {
        return "identity-context-it/" + UUID.randomUUID();
    }
}
