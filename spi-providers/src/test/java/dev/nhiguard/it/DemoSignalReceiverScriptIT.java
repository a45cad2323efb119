package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.Poll;
import dev.nhiguard.testsupport.ReviewApi;
import dev.nhiguard.testsupport.ServerJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's revoke walkthrough on the demo realm: scripts/DemoSignalReceiver.java, run as ./run.sh runs it, gets the
 * Security Event Token of an owner's revocation through the demo resource server's push stream, with the realm's
 * signature verified, and refuses a push without the stream's credential.
 */
@ExtendWith(KeycloakServerExtension.class)
class DemoSignalReceiverScriptIT {

    private static final String RISC_DISABLED = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";
    private static final String RECEIVER_CLIENT = "/admin/realms/nhi-demo/clients/";
    private static final String STREAM = "/admin/realms/nhi-demo/ssf/clients/demo-resource-server/stream";

    @Test
    void anOwnersRevocationReachesTheDemoReceiverSignedByTheRealm(AdminApi api, KeycloakServer server, @TempDir Path dir) throws Exception {
        JsonNode demoRealm = parse(expect(200, api.get("/admin/realms/nhi-demo")).body());
        assertEquals("true", demoRealm.get("attributes").get("ssf.transmitterEnabled").asText(), "the demo realm transmits");
        ObjectNode receiverClient = (ObjectNode) api.client("nhi-demo", "demo-resource-server");
        assertEquals("http://127.0.0.1:8091/events", receiverClient.get("attributes").get("ssf.validPushUrls").asText(),
                "./run.sh's receiver address");

        int port = freePort();
        String authorization = "Bearer " + UUID.randomUUID();
        Path output = dir.resolve("receiver.out");
        Path script = Path.of(System.getProperty("nhi.scripts")).resolve("DemoSignalReceiver.java");
        Process receiver = new ProcessBuilder(ServerJdk.find().resolve("bin/java").toString(), script.toString(), String.valueOf(port),
                authorization, server.baseUri() + "/realms/nhi-demo/protocol/openid-connect/certs")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String endpoint = "http://127.0.0.1:" + port + "/events";
        // the receiver's address on this run, as run.sh sets it for another port; put back below
        ((ObjectNode) receiverClient.get("attributes")).put("ssf.validPushUrls", endpoint);
        String uuid = receiverClient.get("id").asText();
        try {
            awaitOutput(output, "listening on " + endpoint);
            expect(204, api.put(RECEIVER_CLIENT + uuid, receiverClient));
            expect(201, api.post(STREAM, Map.of("description", "the demo resource server", "delivery", Map.of(
                    "method", "urn:ietf:rfc:8935", "endpoint_url", endpoint, "authorization_header", authorization))));

            ObjectNode bot = GovernedRealm.compliantClient("demo-signal-bot");
            bot.putArray("optionalClientScopes");
            expect(201, api.post(RECEIVER_CLIENT, bot));
            String account = api.serviceAccountUserId("nhi-demo", "demo-signal-bot");
            ReviewApi reviews = new ReviewApi(api, "nhi-demo");
            expect(201, reviews.decide(reviews.tokenOf("alice", "alice-demo-password"), api.clientUuid("nhi-demo", "demo-signal-bot"),
                    "revoke", "no longer needed"));

            String printed = awaitOutput(output, "\"" + account + "\"");
            // each thing the receiver prints starts with "[signals receiver <time>] "
            String set = java.util.Arrays.stream(printed.split("\\[signals receiver [^]]+] ")).filter(block -> block.contains(account))
                    .findFirst().orElseThrow();
            assertTrue(set.startsWith("Security Event Token received (signature verified against the realm's key "), set);
            String payload = set.lines().filter(line -> line.startsWith("  payload: ")).findFirst().orElseThrow().substring(11);
            JsonNode event = parse(payload).get("events").get(RISC_DISABLED);
            assertEquals("demo-signal-bot", event.get("client_id").asText(), payload);
            assertTrue(event.get("reason_admin").get("en").asText().startsWith("nhi-guard: revoke (OWNER_REVIEW) by alice@"), payload);

            int unauthorised = Http.send(java.net.http.HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Authorization", "Bearer not-the-stream's").POST(HttpRequest.BodyPublishers.ofString("a.b.c")).build()).statusCode();
            assertEquals(401, unauthorised, "a push without the stream's credential");
            awaitOutput(output, "refused a push without the stream's authorization header");
        } finally {
            api.delete(STREAM);
            ((ObjectNode) receiverClient.get("attributes")).put("ssf.validPushUrls", "http://127.0.0.1:8091/events");
            api.put(RECEIVER_CLIENT + uuid, receiverClient);
            receiver.destroy();
            receiver.waitFor();
        }
    }

    private static String awaitOutput(Path output, String text) {
        return Poll.until("the receiver prints " + text, Duration.ofSeconds(60), () -> {
            try {
                String printed = Files.readString(output);
                return printed.contains(text) ? Optional.of(printed) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
