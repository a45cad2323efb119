package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.Poll;
import dev.nhiguard.testsupport.ReviewApi;
import dev.nhiguard.testsupport.SignalReceiver;
import dev.nhiguard.testsupport.SignalStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A revocation raised while its receiver is down survives Keycloak's restart in the outbox and reaches the receiver once
 * it is up, exactly once: a server of its own (H2 kept across restarts), started three times.
 */
class SignalDeliveryStandaloneIT {

    private static KeycloakServer server;

    private static KeycloakServer start(boolean fresh) {
        List<String> options = new ArrayList<>(List.of("--features=ssf"));
        options.addAll(KeycloakServer.SIGNALS_OPTIONS);
        return KeycloakServer.start(KeycloakServer.Options.of("signals-restart", options, fresh));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The delivery of this client's signal to the receiver, as the signals view reports it, once {@code ready} holds. */
    private static Optional<JsonNode> signalOf(AdminApi api, String realm, String clientId, java.util.function.Predicate<JsonNode> ready) {
        JsonNode view = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/signals?clientId=" + clientId)).body());
        for (JsonNode signal : view.get("signals")) {
            if (ready.test(signal)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    @Test
    void aSignalRaisedWhileTheReceiverIsDownReachesItAfterARestartOnce() throws Exception {
        server = start(true);
        AdminApi api = new AdminApi(server.baseUri());
        GovernedRealm realm = GovernedRealm.create(api, "restart");
        SignalStreams.enableTransmitter(api, realm.name());
        URI realmUri = server.baseUri().resolve("/realms/" + realm.name());
        String authorization = "Bearer " + UUID.randomUUID();
        try (SignalReceiver receiver = SignalReceiver.down(realmUri, authorization)) {
            receiver.learnKeys();
            SignalStreams.register(api, realm.name(), "payments-rs", receiver, authorization, null);
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("first-bot")));
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("second-bot")));
            expect(201, new ReviewApi(api, realm.name()).decide(api.adminToken(), api.clientUuid(realm.name(), "first-bot"), "revoke", "leaked"));
            JsonNode failing = Poll.until("a push that failed: nothing listens", Duration.ofSeconds(60),
                    () -> signalOf(api, realm.name(), "first-bot", s -> s.get("attempts").asInt(0) >= 1 && !s.get("lastError").isNull()));
            assertEquals("PENDING", failing.get("delivery").asText(), failing.toString());
            String jti = failing.get("id").asText();

            server.close();
            receiver.comeUp();
            server = start(false);
            AdminApi after = new AdminApi(server.baseUri());
            JsonNode delivered = Poll.until("the push after the restart", Duration.ofMinutes(3),
                    () -> signalOf(after, realm.name(), "first-bot", s -> "DELIVERED".equals(s.get("delivery").asText())));
            assertEquals(jti, delivered.get("id").asText());
            assertEquals(1, receiver.deliveriesOf(jti), "the receiver acknowledged it once");

            // another restart, then a signal of its own: the outbox ran again, and left the acknowledged one alone
            server.close();
            server = start(false);
            AdminApi third = new AdminApi(server.baseUri());
            receiver.alsoTrust(server.baseUri().resolve("/realms/" + realm.name()));
            expect(201, new ReviewApi(third, realm.name()).decide(third.adminToken(), third.clientUuid(realm.name(), "second-bot"), "revoke", "gone"));
            JsonNode next = Poll.until("the second signal", Duration.ofSeconds(60),
                    () -> signalOf(third, realm.name(), "second-bot", s -> "DELIVERED".equals(s.get("delivery").asText())));
            assertEquals(1, receiver.deliveriesOf(next.get("id").asText()));
            assertEquals(1, receiver.deliveriesOf(jti), "never sent again to a receiver that acknowledged it");
        }
    }
}
