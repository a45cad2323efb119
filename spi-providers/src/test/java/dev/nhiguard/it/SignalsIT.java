package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.Jwt;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.Poll;
import dev.nhiguard.testsupport.ReviewApi;
import dev.nhiguard.testsupport.SampleResourceServer;
import dev.nhiguard.testsupport.SignalReceiver;
import dev.nhiguard.testsupport.SignalStreams;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revocation that reaches every service: when the pack disables a machine identity, an anomaly blocks it or its
 * credential changes, Keycloak's Shared Signals transmitter pushes a signed SET to each receiver, and a resource server
 * that checks tokens itself (never asking Keycloak) rejects the identity's tokens from then on.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalsIT {

    private static final String RISC_DISABLED = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";
    private static final String RISC_PURGED = "https://schemas.openid.net/secevent/risc/event-type/account-purged";
    private static final String CAEP_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    private static final String CAEP_CREDENTIAL = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    private AdminApi api;
    private KeycloakServer server;
    private GovernedRealm realm;
    private final String authorization = "Bearer " + UUID.randomUUID();
    private SignalReceiver receiver;
    private SignalReceiver narrowReceiver;
    private SampleResourceServer resourceServer;
    private URI resource;
    private final HttpClient caller = HttpClient.newHttpClient();

    @BeforeAll
    void realmWithReceivers(AdminApi api, KeycloakServer server) throws IOException {
        this.api = api;
        this.server = server;
        realm = GovernedRealm.create(api, "signals");
        SignalStreams.enableTransmitter(api, realm.name());
        URI realmUri = realmUri();
        receiver = SignalReceiver.up(realmUri, authorization);
        SignalStreams.register(api, realm.name(), "payments-rs", receiver, authorization, null);
        narrowReceiver = SignalReceiver.up(realmUri, authorization);
        SignalStreams.register(api, realm.name(), "ledger-rs", narrowReceiver, authorization, List.of("CaepCredentialChange"));
        expect(201, api.createServiceAccountClient(realm.name(), "introspector", Map.of()));
        resourceServer = new SampleResourceServer(server.pki(), URI.create(realmUri + "/protocol/openid-connect/token/introspect"), "introspector",
                "s3cret-introspector");
        resource = resourceServer.acceptLocally(realmUri, receiver);
    }

    @AfterAll
    void stop() {
        resourceServer.close();
        receiver.close();
        narrowReceiver.close();
    }

    private URI realmUri() {
        return server.baseUri().resolve("/realms/" + realm.name());
    }

    private String machine(String clientId) {
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient(clientId)));
        return api.clientUuid(realm.name(), clientId);
    }

    private String token(String clientId, String secret) {
        return parse(expect(200, api.clientCredentials(realm.name(), clientId, secret, "payments:read")).body()).get("access_token").asText();
    }

    private HttpResponse<String> call(String token) {
        return Http.send(server.httpsClient(null), HttpRequest.newBuilder(resource).header("Authorization", "Bearer " + token).GET().build());
    }

    /** The SET this receiver accepted about the service account {@code subject}, with the event {@code type}. */
    private static Optional<JsonNode> signal(SignalReceiver at, String subject, String type) {
        return at.accepted().stream().filter(set -> set.path("sub_id").path("sub").asText().equals(subject) && set.path("events").has(type))
                .findFirst();
    }

    @Test
    void anOwnersRevokeReachesAResourceServerThatNeverAsksKeycloak() {
        String uuid = machine("billing-bot");
        String account = api.serviceAccountUserId(realm.name(), "billing-bot");
        String token = token("billing-bot", "s3cret-billing-bot");
        assertEquals(200, call(token).statusCode(), "the resource server takes the token, checked with the realm's keys alone");

        ReviewApi reviews = new ReviewApi(api, realm.name());
        String alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);
        Instant revoked = Instant.now();
        expect(201, reviews.decide(alice, uuid, "revoke", "the key leaked & <must go>"));
        HttpResponse<String> rejected = Poll.until("the resource server rejects the revoked identity's token", Duration.ofSeconds(30), () -> {
            HttpResponse<String> answer = call(token);
            return answer.statusCode() == 401 ? Optional.of(answer) : Optional.empty();
        });
        long millis = Duration.between(revoked, Instant.now()).toMillis();
        System.out.printf("SignalsIT: revoke call to the resource server's rejection: %d ms%n", millis);
        assertEquals("token revoked by a security event", rejected.body());

        JsonNode set = signal(receiver, account, RISC_DISABLED).orElseThrow();
        assertEquals(realmUri().toString(), set.get("iss").asText(), "the transmitter is the realm");
        assertEquals("iss_sub", set.get("sub_id").get("format").asText());
        assertEquals(realmUri().toString(), set.get("sub_id").get("iss").asText());
        assertEquals(account, Jwt.decode(token).claims().get("sub").asText(), "the subject is the sub of the identity's tokens");
        JsonNode event = set.get("events").get(RISC_DISABLED);
        assertEquals("billing-bot", event.get("client_id").asText());
        assertEquals("user", event.get("initiating_entity").asText());
        assertTrue(event.get("reason_admin").get("en").asText().startsWith("nhi-guard: revoke (OWNER_REVIEW) by alice@"), event.toString());
        assertTrue(signal(narrowReceiver, account, RISC_DISABLED).isEmpty(), "a stream that asked for credential changes only gets none");

        JsonNode view = parse(expect(200, api.get(realm.path("/nhi-guard/signals?clientId=billing-bot"))).body());
        assertTrue(view.get("transmitter").get("featureEnabled").asBoolean() && view.get("transmitter").get("realmEnabled").asBoolean());
        Map<String, String> outcomes = new java.util.TreeMap<>();
        view.get("signals").forEach(s -> outcomes.put(s.get("receiver").asText(), s.get("event").asText() + ":" + s.get("outcome").asText()));
        assertEquals(Map.of("ledger-rs", "account-disabled:not-requested", "payments-rs", "account-disabled:queued"), outcomes);
        JsonNode delivered = Poll.until("the outbox marks the push delivered", Duration.ofSeconds(30), () -> {
            JsonNode now = parse(expect(200, api.get(realm.path("/nhi-guard/signals?clientId=billing-bot"))).body());
            for (JsonNode s : now.get("signals")) {
                if ("payments-rs".equals(s.get("receiver").asText()) && "DELIVERED".equals(s.get("delivery").asText())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        });
        assertEquals(1, receiver.deliveriesOf(delivered.get("id").asText()), "acknowledged once, sent once");
        JsonNode payments = List.of(view.get("receivers").elements().next(), view.get("receivers").get(1)).stream()
                .filter(r -> r.get("clientId").asText().equals("payments-rs")).findFirst().orElseThrow();
        java.net.URI pushed = receiver.endpoint();
        assertEquals(pushed.getScheme() + "://" + pushed.getAuthority(), payments.get("endpoint").asText(),
                "scheme, host and port: a webhook's path may hold its secret");
        assertFalse(view.toString().contains(authorization.substring(7)), "the receiver's credential is never shown");
    }

    @Test
    void theSweepsRetirementIsSignalled() {
        new LifecycleApi(api).putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        ObjectNode overdue = GovernedRealm.compliantClient("overdue-bot");
        ((ObjectNode) overdue.get("attributes")).put("nhi.review-by", LifecycleApi.today().minusDays(1).toString());
        expect(201, api.post(realm.path("/clients"), overdue));
        String account = api.serviceAccountUserId(realm.name(), "overdue-bot");
        expect(200, api.post(realm.path("/nhi-guard/sweep?dryRun=false"), Map.of()));
        JsonNode set = Poll.until("the sweep's signal", Duration.ofSeconds(30), () -> signal(receiver, account, RISC_DISABLED));
        JsonNode event = set.get("events").get(RISC_DISABLED);
        assertEquals("admin", event.get("initiating_entity").asText(), "a sweep an admin ran");
        assertTrue(event.get("reason_admin").get("en").asText().startsWith("nhi-guard: disable (REVIEW_OVERDUE)"), event.toString());
        new LifecycleApi(api).putSettings(realm.name(), Map.of("mode", "report"));
    }

    @Test
    void aRegeneratedSecretIsACredentialChangeThatEndsTheOldTokens() {
        String uuid = machine("rotating-bot");
        String account = api.serviceAccountUserId(realm.name(), "rotating-bot");
        String before = token("rotating-bot", "s3cret-rotating-bot");
        String fresh = parse(expect(200, api.post(realm.path("/clients/" + uuid + "/client-secret"), Map.of())).body()).get("value").asText();
        JsonNode set = Poll.until("the credential change", Duration.ofSeconds(30), () -> signal(receiver, account, CAEP_CREDENTIAL));
        JsonNode event = set.get("events").get(CAEP_CREDENTIAL);
        assertEquals("password", event.get("credential_type").asText(), "a shared secret, in CAEP's words");
        assertEquals("update", event.get("change_type").asText());
        assertEquals("admin", event.get("initiating_entity").asText());
        assertTrue(signal(narrowReceiver, account, CAEP_CREDENTIAL).isPresent(), "the stream that asked for credential changes has it");
        assertEquals(401, call(before).statusCode(), "the token got with the old secret");
        long eventTime = event.get("event_timestamp").asLong();
        String after = Poll.until("a token issued after the change's second", Duration.ofSeconds(10), () -> {
            String t = token("rotating-bot", fresh);
            return Jwt.decode(t).claims().get("iat").asLong() > eventTime ? Optional.of(t) : Optional.empty();
        });
        assertEquals(200, call(after).statusCode(), "a token of the new secret is taken");
    }

    @Test
    void aNewCertificateOrAnAdminsDisableIsSignalledThroughTheClientUpdate() {
        TestPki.Issued first = server.pki().issue("CN=keyed-bot,O=NHI Guard IT", false, Duration.ofDays(10));
        TestPki.Issued second = server.pki().issue("CN=keyed-bot,O=NHI Guard IT", false, Duration.ofDays(10));
        ObjectNode keyed = GovernedRealm.compliantClient("keyed-bot");
        keyed.put("clientAuthenticatorType", "client-jwt").remove("secret");
        ((ObjectNode) keyed.get("attributes")).put("jwt.credential.certificate", first.certificateBase64());
        expect(201, api.post(realm.path("/clients"), keyed));
        String account = api.serviceAccountUserId(realm.name(), "keyed-bot");
        ObjectNode stored = realm.storedWith("keyed-bot", Map.of("nhi.purpose", "Still the same"));
        expect(204, api.put(realm.path("/clients/" + stored.get("id").asText()), stored));
        ObjectNode replaced = realm.storedWith("keyed-bot", Map.of("jwt.credential.certificate", second.certificateBase64()));
        expect(204, api.put(realm.path("/clients/" + replaced.get("id").asText()), replaced));
        JsonNode set = Poll.until("the certificate change", Duration.ofSeconds(30), () -> signal(receiver, account, CAEP_CREDENTIAL));
        assertEquals("x509", set.get("events").get(CAEP_CREDENTIAL).get("credential_type").asText());
        assertEquals(1, receiver.accepted().stream().filter(s -> s.path("sub_id").path("sub").asText().equals(account)).count(),
                "an edit that leaves the key alone is no signal");

        ObjectNode disabled = (ObjectNode) api.client(realm.name(), "keyed-bot");
        disabled.put("enabled", false);
        expect(204, api.put(realm.path("/clients/" + disabled.get("id").asText()), disabled));
        JsonNode off = Poll.until("the disable", Duration.ofSeconds(30), () -> signal(receiver, account, RISC_DISABLED));
        assertEquals("disabled by an administrator", off.get("events").get(RISC_DISABLED).get("reason_admin").get("en").asText());
    }

    @Test
    void aServiceAccountDisabledOnItsOwnIsSignalled() {
        machine("account-bot");
        String account = api.serviceAccountUserId(realm.name(), "account-bot");
        String before = token("account-bot", "s3cret-account-bot");
        expect(204, api.put(realm.path("/users/" + account), Map.of("enabled", false)));
        JsonNode off = Poll.until("the account's disable", Duration.ofSeconds(30), () -> signal(receiver, account, RISC_DISABLED));
        assertEquals("its service account was disabled by an administrator", off.get("events").get(RISC_DISABLED).get("reason_admin").get("en").asText());
        assertEquals(401, call(before).statusCode(), "its token ends at the resource server");
    }

    /** A deleted identity's tokens live on at a resource server that never asks Keycloak: the deletion is signalled, once, whatever the door. */
    @Test
    void aDeletedIdentityIsSignalledWhateverTheDoor() {
        String deleted = machine("deleted-bot");
        String deletedAccount = api.serviceAccountUserId(realm.name(), "deleted-bot");
        String before = token("deleted-bot", "s3cret-deleted-bot");
        expect(204, api.delete(realm.path("/clients/" + deleted)));
        JsonNode purged = Poll.until("the deletion", Duration.ofSeconds(30), () -> signal(receiver, deletedAccount, RISC_PURGED));
        assertEquals("deleted", purged.get("events").get(RISC_PURGED).get("reason_admin").get("en").asText());
        assertEquals(401, call(before).statusCode());

        machine("overwritten-bot");
        String oldAccount = api.serviceAccountUserId(realm.name(), "overwritten-bot");
        expect(200, api.partialImport(realm.name(), "OVERWRITE", GovernedRealm.compliantClient("overwritten-bot")));
        Poll.until("the replaced identity's purge", Duration.ofSeconds(30), () -> signal(receiver, oldAccount, RISC_PURGED));
        JsonNode view = parse(expect(200, api.get(realm.path("/nhi-guard/signals"))).body());
        List<String> raised = new java.util.ArrayList<>();
        view.get("signals").forEach(s -> {
            if (s.get("clientId").asText().equals("overwritten-bot") && s.get("receiver").asText().equals("payments-rs")) {
                raised.add(s.get("event").asText() + ":" + s.get("outcome").asText());
            }
        });
        assertEquals(List.of("account-purged:queued"), raised, "one signal for the account partial import replaced: " + view);
    }

    /** Keycloak's own secret rotation may put a new secret on a client after an admin saved it: the admin event is the last word. */
    @Test
    void keycloaksRotationOnAnAdminSaveIsACredentialChange() throws IOException {
        GovernedRealm rotating = GovernedRealm.create(api, "signals-rotation");
        ObjectNode profiles = AdminApi.JSON.createObjectNode();
        profiles.putArray("profiles").addObject().put("name", "rotation").putArray("executors").addObject().put("executor", "secret-rotation")
                .set("configuration", AdminApi.JSON.valueToTree(Map.of("expiration-period", "86400", "rotated-expiration-period", "3600",
                        "remaining-rotation-period", "3600")));
        expect(204, api.put(rotating.path("/client-policies/profiles"), profiles));
        expect(204, api.put(rotating.path("/client-policies/policies"), parse("{\"policies\":[{\"name\":\"rotation\",\"enabled\":true,"
                + "\"conditions\":[{\"condition\":\"any-client\",\"configuration\":{}}],\"profiles\":[\"rotation\"]}]}")));
        SignalStreams.enableTransmitter(api, rotating.name());
        try (SignalReceiver rs = SignalReceiver.up(server.baseUri().resolve("/realms/" + rotating.name()), authorization)) {
            SignalStreams.register(api, rotating.name(), "payments-rs", rs, authorization, null);
            expect(201, api.post(rotating.path("/clients"), GovernedRealm.compliantClient("lapsed-bot")));
            String account = api.serviceAccountUserId(rotating.name(), "lapsed-bot");
            ObjectNode lapsed = (ObjectNode) api.client(rotating.name(), "lapsed-bot");
            ((ObjectNode) lapsed.get("attributes")).put("client.secret.expiration.time", String.valueOf(java.time.Instant.now().getEpochSecond() - 60));
            expect(204, api.put(rotating.path("/clients/" + lapsed.get("id").asText()), lapsed));
            assertFalse("s3cret-lapsed-bot".equals(api.client(rotating.name(), "lapsed-bot").get("secret").asText()),
                    "Keycloak's rotation replaced the lapsed secret on the save");
            JsonNode set = Poll.until("the rotation's credential change", Duration.ofSeconds(30), () -> signal(rs, account, CAEP_CREDENTIAL));
            assertEquals("password", set.get("events").get(CAEP_CREDENTIAL).get("credential_type").asText());

            // Keycloak announces the revoke of the previous secret before it drops it: the check waits for the request's end
            expect(204, api.delete(rotating.path("/clients/" + lapsed.get("id").asText() + "/client-secret/rotated")));
            Poll.until("the previous secret's revoke", Duration.ofSeconds(30), () -> credentialChange(rs, account, "password", "revoke"));
            expect(200, api.post(rotating.path("/clients/" + lapsed.get("id").asText() + "/certificates/jwt.credential/generate"), Map.of()));
            Poll.until("a new certificate, named as one", Duration.ofSeconds(30), () -> credentialChange(rs, account, "x509", "update"));

            ObjectNode noLongerAMachine = (ObjectNode) api.client(rotating.name(), "lapsed-bot");
            noLongerAMachine.put("serviceAccountsEnabled", false);
            expect(204, api.put(rotating.path("/clients/" + lapsed.get("id").asText()), noLongerAMachine));
            Poll.until("its service account's removal", Duration.ofSeconds(30), () -> signal(rs, account, RISC_PURGED));
        }
    }

    /** The credential-change SET about {@code subject} of this credential and change type. */
    private static Optional<JsonNode> credentialChange(SignalReceiver at, String subject, String credentialType, String changeType) {
        return at.accepted().stream().filter(set -> set.path("sub_id").path("sub").asText().equals(subject))
                .map(set -> set.path("events").path(CAEP_CREDENTIAL))
                .filter(event -> event.path("credential_type").asText().equals(credentialType) && event.path("change_type").asText().equals(changeType))
                .findFirst();
    }

    @Test
    void anAnomalyThatBlocksEndsTheTokensTheIdentityHolds() throws IOException {
        GovernedRealm blocking = GovernedRealm.create(api, "signals-anomaly").withPolicies(Map.of("nhi-anomaly-block", Map.of("kinds", List.of("HUMAN_USE"))));
        SignalStreams.enableTransmitter(api, blocking.name());
        URI blockingUri = server.baseUri().resolve("/realms/" + blocking.name());
        try (SignalReceiver rs = SignalReceiver.up(blockingUri, authorization)) {
            SignalStreams.register(api, blocking.name(), "payments-rs", rs, authorization, null);
            expect(201, api.post(blocking.path("/clients"), GovernedRealm.compliantClient("kiosk-bot")));
            String account = api.serviceAccountUserId(blocking.name(), "kiosk-bot");
            HttpResponse<String> fromBrowser = api.tokenRequest(blocking.name(), Map.of("grant_type", "client_credentials", "client_id", "kiosk-bot",
                    "client_secret", "s3cret-kiosk-bot", "scope", "payments:read"),
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
            assertEquals(200, fromBrowser.statusCode(), "the request that raises the flag gets its token");
            String token = parse(fromBrowser.body()).get("access_token").asText();
            JsonNode set = Poll.until("the block's signal", Duration.ofSeconds(30), () -> signal(rs, account, CAEP_REVOKED));
            JsonNode event = set.get("events").get(CAEP_REVOKED);
            assertEquals("policy", event.get("initiating_entity").asText());
            assertTrue(event.get("reason_admin").get("en").asText().contains("anomaly HUMAN_USE blocks it"), event.toString());
            assertTrue(rs.revoked(account, Jwt.decode(token).claims().get("iat").asLong()), "the token that raised it is revoked with the rest");
            JsonNode introspection = parse(expect(200, api.form("/realms/" + blocking.name() + "/protocol/openid-connect/token/introspect",
                    Map.of("token", token, "client_id", "kiosk-bot", "client_secret", "s3cret-kiosk-bot"))).body());
            assertFalse(introspection.get("active").asBoolean(), "and Keycloak's introspection says so too: " + introspection);
        }
    }

    @Test
    void aRealmWithoutATransmitterRecordsThatNobodyWasTold() {
        GovernedRealm quiet = GovernedRealm.create(api, "signals-off");
        expect(201, api.post(quiet.path("/clients"), GovernedRealm.compliantClient("quiet-bot")));
        ReviewApi reviews = new ReviewApi(api, quiet.name());
        expect(201, reviews.decide(api.adminToken(), api.clientUuid(quiet.name(), "quiet-bot"), "revoke", "no longer needed"));
        JsonNode view = parse(expect(200, api.get(quiet.path("/nhi-guard/signals"))).body());
        assertFalse(view.get("transmitter").get("realmEnabled").asBoolean());
        assertEquals(0, view.get("receivers").size());
        assertEquals(1, view.get("signals").size());
        JsonNode signal = view.get("signals").get(0);
        assertEquals("account-disabled", signal.get("event").asText());
        assertEquals("transmitter-off", signal.get("outcome").asText());
        assertTrue(signal.get("receiver").isNull() && signal.get("delivery").isNull(), signal.toString());
    }

}
