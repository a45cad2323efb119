package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;

/**
 * Keycloak's Shared Signals transmitter set up as an admin does it (feature {@code ssf}): switched on for the realm,
 * a receiver client allowed to push to the receiver's URL, and its push stream (RFC 8935) with the receiver's credential.
 */
public final class SignalStreams {

    private SignalStreams() {
    }

    public static void enableTransmitter(AdminApi api, String realm) {
        expect(204, api.put("/admin/realms/" + realm, Map.of("attributes", Map.of("ssf.transmitterEnabled", "true"))));
    }

    /**
     * A receiver client for every subject (default subjects ALL) and its push stream to {@code receiver}; the stream
     * asks for {@code events} (Keycloak's aliases or URIs), all when null. Answers the stream, with its audience.
     */
    public static JsonNode register(AdminApi api, String realm, String clientId, SignalReceiver receiver, String authorization, List<String> events) {
        expect(201, api.post("/admin/realms/" + realm + "/clients", Map.of("clientId", clientId, "enabled", true, "publicClient", false,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "attributes", Map.of("ssf.enabled", "true",
                        "ssf.validPushUrls", receiver.endpoint().toString(), "ssf.defaultSubjects", "ALL"))));
        Map<String, Object> stream = new java.util.HashMap<>(Map.of("description", "signals of " + clientId, "delivery", Map.of(
                "method", "urn:ietf:rfc:8935", "endpoint_url", receiver.endpoint().toString(), "authorization_header", authorization)));
        if (events != null) {
            stream.put("events_requested", events);
        }
        JsonNode created = parse(expect(201, api.post("/admin/realms/" + realm + "/ssf/clients/" + clientId + "/stream", stream)).body());
        receiver.expectAudience(created.get("audience").get(0).asText());
        return created;
    }
}
