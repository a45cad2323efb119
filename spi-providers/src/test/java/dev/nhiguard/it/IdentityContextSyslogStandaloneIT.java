package dev.nhiguard.it;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keycloak's own syslog handler carries the identity-context records to a collector: a real TCP syslog listener in
 * the test, the server started with {@code --log=console,syslog} pointed at it; no transport of the pack's own.
 */
class IdentityContextSyslogStandaloneIT {

    private static ServerSocket listener;
    private static final StringBuffer RECEIVED = new StringBuffer();
    private static KeycloakServer server;

    @BeforeAll
    static void start() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread collector = new Thread(IdentityContextSyslogStandaloneIT::collect, "syslog-listener");
        collector.setDaemon(true);
        collector.start();
        server = KeycloakServer.start(KeycloakServer.Options.of("syslog", List.of(
                "--log=console,syslog", "--log-syslog-endpoint=127.0.0.1:" + listener.getLocalPort(),
                "--log-syslog-protocol=tcp", "--log-syslog-max-length=16384"), true));
    }

    private static void collect() {
        while (!listener.isClosed()) {
            try (Socket connection = listener.accept(); InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    RECEIVED.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        listener.close();
    }

    @Test
    void aTokenRequestsRecordReachesTheSyslogListener() {
        AdminApi api = new AdminApi(server.baseUri());
        String agent = "syslog-it/" + UUID.randomUUID();
        assertEquals(200, api.tokenRequest("nhi-demo", Map.of("grant_type", "client_credentials", "client_id", "payments-reporter",
                "client_secret", "payments-reporter-secret", "scope", "payments:read"), agent).statusCode());
        JsonNode record = Poll.until("the record on the syslog listener", Duration.ofSeconds(30), () -> recordWith(agent));
        assertEquals(3002, record.get("class_uid").asInt());
        assertEquals("payments-reporter", record.get("unmapped").get("nhi").get("client_id").asText());
        assertEquals("granted", record.get("unmapped").get("nhi").get("decision").asText());
        assertEquals("nhi-demo", record.get("service").get("name").asText());
    }

    /** A syslog message carries the record as its text: the JSON object that holds this request's user agent. */
    private static Optional<JsonNode> recordWith(String agent) {
        String text = RECEIVED.toString();
        int at = text.indexOf(agent);
        if (at < 0) {
            return Optional.empty();
        }
        int start = text.lastIndexOf("{\"class_uid\"", at);
        try (JsonParser parser = JSON.getFactory().createParser(text.substring(start))) {
            return Optional.of(parser.readValueAsTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
