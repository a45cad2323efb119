package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.telemetry.OcsfCheck;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.IdentityContextRecords;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * Every endpoint where a machine client proves who it is yields its record, and a failed proof there counts as one at
 * the token endpoint does. Found by the fourth attack: guessing a secret through introspection or revocation (401 for
 * a wrong secret, 200 for the right one) left no record, no REFUSAL_BURST, no lastFailedAuthentication; nor did a token
 * request with a parameter sent twice (401 for a wrong secret, 400 for the right one).
 */
@ExtendWith(KeycloakServerExtension.class)
class ClientEndpointRecordsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String agent() {
        return "endpoint-it/" + UUID.randomUUID();
    }

    /** A form POST as a client sends it, its body as written (a parameter may repeat), with HTTP Basic client authentication. */
    private static HttpResponse<String> post(AdminApi api, String realm, String endpoint, String body, String clientId, String secret,
                                             String userAgent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve("/realms/" + realm + "/protocol/openid-connect/" + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", userAgent)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param recordedWhenRight false where Keycloak raises no event for an authenticated client's refused request */
    private record Call(String label, String endpoint, String body, int wrongStatus, int rightStatus, boolean recordedWhenRight) {
    }

    @Test
    void everyEndpointAMachineClientAuthenticatesAtYieldsOneRecordPerRequest(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "endpoints").withPolicies(Map.of("nhi-owner-required", Map.of(),
                "nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("probe-bot")));
        String token = parse(expect(200, api.clientCredentials(realm.name(), "probe-bot", "s3cret-probe-bot", "payments:read")).body())
                .get("access_token").asText();
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        List<Call> calls = List.of(
                new Call("introspection", "token/introspect", "token=" + token, 401, 200, true),
                new Call("revocation", "revoke", "token=not-a-token", 401, 200, true),
                new Call("par", "ext/par/request", "response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", 401, 400, true),
                new Call("logout", "logout", "refresh_token=not-a-token", 401, 400, true),
                // Keycloak authenticates the client, then finds the parameter sent twice, without an event
                new Call("token", "token", "grant_type=client_credentials&grant_type=client_credentials", 401, 400, false),
                new Call("revocation", "revoke", "token=a&token=b", 401, 400, false));
        for (Call call : calls) {
            String wrongAgent = agent();
            assertEquals(call.wrongStatus(), post(api, realm.name(), call.endpoint(), call.body(), "probe-bot", "guess-1", wrongAgent).statusCode(),
                    call.label());
            String rightAgent = agent();
            assertEquals(call.rightStatus(), post(api, realm.name(), call.endpoint(), call.body(), "probe-bot", "s3cret-probe-bot", rightAgent)
                    .statusCode(), call.label());
            String barrier = agent();
            api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "probe-bot",
                    "client_secret", "s3cret-probe-bot", "scope", "payments:read"), barrier);
            records.awaitUserAgent(barrier);

            List<JsonNode> wrong = records.withUserAgent(wrongAgent);
            assertEquals(1, wrong.size(), call.label() + ": one record for a failed authentication: " + wrong);
            JsonNode failed = wrong.get(0);
            assertEquals(call.label(), nhi(failed).get("endpoint").asText(), failed.toString());
            assertEquals("refused", nhi(failed).get("decision").asText());
            assertFalse(nhi(failed).get("authenticated").asBoolean(), failed.toString());
            assertEquals("invalid_client_credentials", failed.get("status_code").asText(), failed.toString());
            assertEquals(List.of(), OcsfCheck.problems(failed), failed.toString());

            List<JsonNode> right = records.withUserAgent(rightAgent);
            if (!call.recordedWhenRight()) {
                // Keycloak raises no event when it refuses an authenticated client for a parameter sent twice: docs/telemetry.md
                assertEquals(List.of(), right, "a request no record is written for: " + call);
                continue;
            }
            assertEquals(1, right.size(), call.label() + ": one record per request: " + right);
            assertTrue(nhi(right.get(0)).get("authenticated").asBoolean(), right.get(0).toString());
            assertEquals(call.label(), nhi(right.get(0)).get("endpoint").asText());
            assertEquals(List.of(), OcsfCheck.problems(right.get(0)), right.get(0).toString());
        }
    }

    @Test
    void guessingASecretThroughIntrospectionIsARefusalBurstAndAFailedAuthentication(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = GovernedRealm.create(api, "endpoint-burst").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        new LifecycleApi(api).putSettings(realm.name(), Map.of("anomalyRefusalBurst", 5));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("guessed-bot")));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        List<String> guesses = new java.util.ArrayList<>();
        for (int guess = 1; guess <= 5; guess++) {
            guesses.add(agent());
            assertEquals(401, post(api, realm.name(), "token/introspect", "token=x", "guessed-bot", "guess-" + guess, guesses.get(guess - 1))
                    .statusCode());
        }
        JsonNode fifth = records.awaitUserAgent(guesses.get(4));
        assertEquals("[\"REFUSAL_BURST\"]", nhi(fifth).path("anomaly_flags").toString(), "the realm's burst is five: " + fifth);
        JsonNode fourth = records.withUserAgent(guesses.get(3)).get(0);
        assertTrue(nhi(fourth).path("anomaly_flags").isMissingNode(), fourth.toString());
        expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
        api.flushUsage(realm.name());
        JsonNode entry = realm.inventoryEntry("guessed-bot");
        assertTrue(entry.get("findings").toString().contains("REFUSAL_BURST"), entry.toString());
        assertTrue(entry.hasNonNull("lastFailedAuthentication"), entry.toString());
        assertTrue(entry.get("lastUsed").isNull(), "a failed proof is no use of the client: " + entry);
    }

    @Test
    void requestsKeycloakRefusesBeforeReadingTheClientTestNoSecret(AdminApi api) {
        // no record for these: Keycloak answers them before it reads the client's credentials, the same whatever the secret
        GovernedRealm realm = GovernedRealm.create(api, "endpoint-unread").withPolicies(Map.of("nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("unread-bot")));
        for (String body : List.of("grant_type=no-such-grant", "scope=payments%3Aread", "grant_type=")) {
            HttpResponse<String> wrong = post(api, realm.name(), "token", body, "unread-bot", "guess", agent());
            HttpResponse<String> right = post(api, realm.name(), "token", body, "unread-bot", "s3cret-unread-bot", agent());
            assertEquals(wrong.statusCode(), right.statusCode(), body);
            assertEquals(wrong.body(), right.body(), body);
        }
        String token = "/realms/" + realm.name() + "/protocol/openid-connect/token";
        List<HttpResponse<String>> json = List.of("guess", "s3cret-unread-bot").stream().map(secret -> api.sendRaw("POST", token, "application/json",
                ("{\"grant_type\":\"client_credentials\",\"client_id\":\"unread-bot\",\"client_secret\":\"" + secret + "\"}")
                        .getBytes(StandardCharsets.UTF_8), null)).toList();
        assertEquals(400, json.get(0).statusCode(), json.get(0).body());
        assertEquals(json.get(0).body(), json.get(1).body(), "a JSON body is no form: the secret in it is never read");
    }
}
