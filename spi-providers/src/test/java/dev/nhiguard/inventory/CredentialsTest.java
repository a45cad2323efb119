package dev.nhiguard.inventory;

import dev.nhiguard.shared.ClientSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialsTest {

    private static ClientSnapshot client(boolean publicClient, String authenticator, Map<String, String> attributes) {
        return new ClientSnapshot("bot", publicClient, true, false, false, false, false, authenticator, attributes, List.of(), List.of(), List.of());
    }

    @Test
    void namesTheCredentialAsTheStandardsDo() {
        assertEquals("client_secret", Credentials.type(client(false, "client-secret", Map.of())));
        assertEquals("client_secret", Credentials.type(client(false, "client-secret-jwt", Map.of())), "the server holds the signing secret too");
        assertEquals("private_key_jwt", Credentials.type(client(false, "client-jwt", Map.of())));
        assertEquals("tls_client_auth", Credentials.type(client(false, "client-x509", Map.of())));
        assertEquals("federated", Credentials.type(client(false, "federated-jwt", Map.of())));
        assertEquals("custom-authenticator", Credentials.type(client(false, "custom-authenticator", Map.of())));
        assertNull(Credentials.type(client(true, "client-secret", Map.of())), "a public client proves nothing");
    }

    @Test
    void namesWhatTheTokensAreBoundTo() {
        assertEquals("none", Credentials.senderConstraint(client(false, "client-secret", Map.of())));
        assertEquals("mtls", Credentials.senderConstraint(client(false, "client-x509", Map.of("tls.client.certificate.bound.access.tokens", "true"))));
        assertEquals("dpop", Credentials.senderConstraint(client(false, "client-jwt", Map.of("dpop.bound.access.tokens", "true"))));
        assertEquals("mtls+dpop", Credentials.senderConstraint(client(false, "client-x509",
                Map.of("tls.client.certificate.bound.access.tokens", "true", "dpop.bound.access.tokens", "true"))));
        assertEquals("none", Credentials.senderConstraint(client(false, "client-jwt", Map.of("dpop.bound.access.tokens", "false"))));
    }
}
