package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.IdentityContextRecords;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.IdentityContextRecords.nhi;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anomaly flags from real token requests: a new source network (a request really sent from 127.0.0.2), a burst, a
 * browser; each an inventory finding and a record, and {@code nhi-anomaly-block} refusing until a review clears it.
 */
@ExtendWith(KeycloakServerExtension.class)
class AnomalyIT {

    /** No learning period, and every address its own network, so two requests tell a new network apart. */
    private static final Map<String, Object> QUICK = Map.of("anomalyLearningHours", 0, "anomalyIpv4Prefix", 32,
            "anomalyRateFloor", 5, "anomalyRateMultiple", 2);

    @Test
    void aRequestFromAnotherNetworkIsFlaggedButAStrangersIsNoFact(AdminApi api, KeycloakServer server) throws Exception {
        GovernedRealm realm = realm(api, "anomaly-network", Map.of("nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("roaming-bot")));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        String home = agent();
        assertEquals(200, api.tokenRequest(realm.name(), form("roaming-bot", "s3cret-roaming-bot"), home).statusCode());
        assertEquals("[]", flags(records.awaitUserAgent(home)), "the first network seeds the baseline");

        String stranger = agent();
        assertEquals(401, tokenFrom("127.0.0.2", server, realm.name(), form("roaming-bot", "wrong"), stranger).status());
        assertEquals("[]", flags(records.awaitUserAgent(stranger)), "a caller that failed authentication is no fact of the client");

        String away = agent();
        Reply moved = tokenFrom("127.0.0.2", server, realm.name(), form("roaming-bot", "s3cret-roaming-bot"), away);
        assertEquals(200, moved.status(), moved.body());
        JsonNode record = records.awaitUserAgent(away);
        assertEquals("127.0.0.2", record.get("src_endpoint").get("ip").asText());
        assertEquals("[\"NEW_NETWORK\"]", flags(record), record.toString());

        flush(api, realm);
        assertTrue(realm.inventoryEntry("roaming-bot").get("findings").toString().contains("NEW_NETWORK"));
        JsonNode flagged = parse(expect(200, api.get(realm.path("/nhi-guard/inventory?finding=NEW_NETWORK"))).body());
        assertEquals(1, flagged.size(), flagged.toString());
        String again = agent();
        assertEquals(200, tokenFrom("127.0.0.2", server, realm.name(), form("roaming-bot", "s3cret-roaming-bot"), again).status());
        assertEquals("[]", flags(records.awaitUserAgent(again)), "the network is in the baseline now: one flag, not one per request");
    }

    @Test
    void aBurstTripsRateSpikeTheBlockingExecutorRefusesAndAReviewClearsIt(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = realm(api, "anomaly-burst", Map.of("nhi-scope-narrowing", Map.of(), "nhi-anomaly-block", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("burst-bot")));
        String uuid = api.clientUuid(realm.name(), "burst-bot");
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, api.clientCredentials(realm.name(), "burst-bot", "s3cret-burst-bot", "payments:read").statusCode(), "request " + i);
        }
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        String sixth = agent();
        assertEquals(200, api.tokenRequest(realm.name(), form("burst-bot", "s3cret-burst-bot"), sixth).statusCode());
        assertEquals("[\"RATE_SPIKE\"]", flags(records.awaitUserAgent(sixth)), "six in an hour, above the floor of five");

        HttpResponse<String> blocked = api.clientCredentials(realm.name(), "burst-bot", "s3cret-burst-bot", "payments:read");
        assertEquals(400, blocked.statusCode(), blocked.body());
        assertEquals("unauthorized_client", parse(blocked.body()).get("error").asText());
        assertTrue(parse(blocked.body()).get("error_description").asText().contains("open anomaly flag (RATE_SPIKE)"), blocked.body());

        flush(api, realm);
        ReviewApi reviews = new ReviewApi(api, realm.name());
        HttpResponse<String> silent = reviews.decide(api.adminToken(), uuid, "clear-anomaly", null);
        assertEquals(400, silent.statusCode(), silent.body());
        assertTrue(silent.body().contains("comment"), silent.body());
        String otherOwner = reviews.tokenOf("bob", GovernedRealm.PASSWORD);
        assertEquals(404, reviews.decide(otherOwner, uuid, "clear-anomaly", "not mine").statusCode(),
                "an owner of nothing here does not even see the client");
        String alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
        expect(201, reviews.decide(alice, uuid, "clear-anomaly", "load test by the payments team, ticket PAY-812"));

        assertEquals(200, api.clientCredentials(realm.name(), "burst-bot", "s3cret-burst-bot", "payments:read").statusCode(),
                "cleared: tokens flow again");
        JsonNode history = reviews.historyOf(uuid);
        assertEquals("clear-anomaly", history.get(0).get("decision").asText(), history.toString());
        assertTrue(history.get(0).get("reviewer").asText().startsWith("alice@"), history.toString());
        // nothing open to clear
        assertAdminError(reviews.decide(alice, uuid, "clear-anomaly", "again"), 409,
                "decision: this machine identity has no open anomaly flag to clear");
        assertFalse(realm.inventoryEntry("burst-bot").get("findings").toString().contains("RATE_SPIKE"));
    }

    @Test
    void aBrowserOrAPasswordGrantWithAMachineIdentityIsHumanUse(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = realm(api, "anomaly-human", Map.of("nhi-scope-narrowing", Map.of()));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("desk-bot")));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        String browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 " + UUID.randomUUID();
        assertEquals(200, api.tokenRequest(realm.name(), form("desk-bot", "s3cret-desk-bot"), browser).statusCode());
        JsonNode record = records.awaitUserAgent(browser);
        assertEquals("[\"HUMAN_USE\"]", flags(record), record.toString());
        flush(api, realm);
        assertTrue(realm.inventoryEntry("desk-bot").get("findings").toString().contains("HUMAN_USE"));
    }

    /** Found by the fourth attack: Opera/Presto, text browsers, a lower-cased Chrome, a bare Mozilla/5.0, crawlers and API tools went unflagged. */
    @Test
    void everyClassOfUserAgentPeopleUseIsHumanUse(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = realm(api, "anomaly-agents", Map.of("nhi-scope-narrowing", Map.of()));
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        Map<String, String> agents = new LinkedHashMap<>();
        agents.put("opera", "Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18");
        agents.put("lynx", "Lynx/2.9.0dev.12 libwww-FM/2.14 SSL-MM/1.4.1 OpenSSL/3.0.11");
        agents.put("lowercase", "mozilla/5.0 (x11; linux x86_64) applewebkit/537.36 (khtml, like gecko) chrome/124.0 safari/537.36");
        agents.put("bare", "Mozilla/5.0");
        agents.put("crawler", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        agents.put("postman", "PostmanRuntime/7.39.0");
        agents.forEach((name, agent) -> {
            String clientId = "agent-" + name + "-bot";
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient(clientId)));
            assertEquals(200, api.tokenRequest(realm.name(), form(clientId, "s3cret-" + clientId), agent).statusCode());
        });
        String barrier = agent();
        api.tokenRequest(realm.name(), form("agent-postman-bot", "s3cret-agent-postman-bot"), barrier);
        records.awaitUserAgent(barrier);
        agents.forEach((name, agent) -> {
            JsonNode record = records.matching(r -> ("agent-" + name + "-bot").equals(nhi(r).path("client_id").asText())).get(0);
            assertEquals("[\"HUMAN_USE\"]", flags(record), name + ": " + record);
        });
        String program = agent().replace("anomaly-it", "curl/8.5.0 anomaly-it");
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("agent-curl-bot")));
        assertEquals(200, api.tokenRequest(realm.name(), form("agent-curl-bot", "s3cret-agent-curl-bot"), program).statusCode());
        assertEquals("[]", flags(records.awaitUserAgent(program)), "a program's agent is no person's");
    }

    /**
     * A flag the node has just raised and not yet written blocks at once, and its named owner clears it at once (the
     * review sees what the token endpoint refuses on); a member of the owning group reviews the client but may not
     * let a flagged identity have tokens again.
     */
    @Test
    void aFreshFlagIsClearedAtOnceByItsNamedOwnerNeverByAMemberOfTheOwningGroup(AdminApi api, KeycloakServer server) {
        GovernedRealm realm = realm(api, "anomaly-clear", Map.of("nhi-scope-narrowing", Map.of(), "nhi-anomaly-block", Map.of()));
        String group = api.post(realm.path("/groups"), Map.of("name", "desk-team")).headers().firstValue("Location").orElseThrow();
        String bobId = parse(expect(200, api.get(realm.path("/users?exact=true&username=bob"))).body()).get(0).get("id").asText();
        expect(204, api.put(realm.path("/users/" + bobId + "/groups/" + group.substring(group.lastIndexOf('/') + 1)), Map.of()));
        ObjectNode client = GovernedRealm.compliantClient("kiosk-bot");
        ((ObjectNode) client.get("attributes")).put("nhi.owner-group", "/desk-team");
        expect(201, api.post(realm.path("/clients"), client));
        String uuid = api.clientUuid(realm.name(), "kiosk-bot");
        IdentityContextRecords records = new IdentityContextRecords(server.jsonLog());
        String browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 " + UUID.randomUUID();
        assertEquals(200, api.tokenRequest(realm.name(), form("kiosk-bot", "s3cret-kiosk-bot"), browser).statusCode());
        assertEquals("[\"HUMAN_USE\"]", flags(records.awaitUserAgent(browser)));
        assertOAuthError(api.clientCredentials(realm.name(), "kiosk-bot", "s3cret-kiosk-bot", "payments:read"), 400, "unauthorized_client",
                "open anomaly flag (HUMAN_USE)"); // blocked

        ReviewApi reviews = new ReviewApi(api, realm.name());
        String bob = reviews.tokenOf("bob", GovernedRealm.PASSWORD);
        HttpResponse<String> byMember = reviews.decide(bob, uuid, "clear-anomaly", "looks fine to me");
        assertEquals(403, byMember.statusCode(), byMember.body());
        // still blocked after the member's attempt
        assertOAuthError(api.clientCredentials(realm.name(), "kiosk-bot", "s3cret-kiosk-bot", "payments:read"), 400, "unauthorized_client",
                "open anomaly flag (HUMAN_USE)");
        assertEquals(false, reviews.itemOf(bob, uuid).get("mayReassign").asBoolean(), "the console offers the member no Clear");

        String alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
        expect(201, reviews.decide(alice, uuid, "clear-anomaly", "the kiosk's browser test, ticket DESK-7"));
        assertEquals(200, api.clientCredentials(realm.name(), "kiosk-bot", "s3cret-kiosk-bot", "payments:read").statusCode(),
                "cleared before any flush: tokens flow again");
        flush(api, realm);
        assertFalse(realm.inventoryEntry("kiosk-bot").get("findings").toString().contains("HUMAN_USE"),
                "the flag written for the review is the one it cleared: no second copy appears with the flush");
    }

    private static GovernedRealm realm(AdminApi api, String prefix, Map<String, Map<String, Object>> policies) {
        GovernedRealm realm = GovernedRealm.create(api, prefix).withPolicies(policies);
        api.createUser(realm.name(), "bob", true, GovernedRealm.PASSWORD);
        new LifecycleApi(api).putSettings(realm.name(), QUICK);
        return realm;
    }

    private static void flush(AdminApi api, GovernedRealm realm) {
        expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
    }

    private static Map<String, String> form(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("scope", "payments:read");
        return form;
    }

    private static String flags(JsonNode record) {
        JsonNode flags = nhi(record).get("anomaly_flags");
        return flags == null ? "[]" : flags.toString();
    }

    private static String agent() {
        return "anomaly-it/" + UUID.randomUUID();
    }

    private record Reply(int status, String body) {
    }

    /** A token request sent from another loopback address: Java's HTTP client cannot choose its source address. */
    private static Reply tokenFrom(String source, KeycloakServer server, String realm, Map<String, String> form, String userAgent)
            throws IOException {
        String body = form.entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.baseUri().getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /realms/" + realm + "/protocol/openid-connect/token HTTP/1.1\r\nHost: 127.0.0.1:" + server.baseUri().getPort()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nUser-Agent: " + userAgent + "\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Reply(status, text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }
}
