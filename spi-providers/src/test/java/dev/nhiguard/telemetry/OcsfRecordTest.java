package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OcsfRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static IdentityContextRecord granted() {
        return new IdentityContextRecord(1_700_000_000_000L, "ev-1", "nhi-demo", "payments-reporter", "sa-user-id", "alice", "high",
                "client_credentials", Set.of("payments:read"), Set.of("payments:read"), Decision.GRANTED, null, null, null, "10.1.2.3",
                "curl/8.5", "token-id", 300, "qBc2o9WuGx2Wl0D8AZ3tIx6hVjKkfsKXnGHvdx9JCJk", "CN=settlement-gateway", true, null, List.of(), null);
    }

    @Test
    void aGrantedTokenRequestIsAnOcsfAuthenticationLogonWithTheMachineAsASystemUser() throws Exception {
        JsonNode r = JSON.readTree(OcsfRecord.format(granted()));

        assertEquals(3002, r.get("class_uid").asInt());
        assertEquals(300201, r.get("type_uid").asLong());
        assertEquals(1, r.get("status_id").asInt());
        assertEquals("payments-reporter", r.get("user").get("name").asText());
        assertEquals("System", r.get("user").get("type").asText());
        assertEquals("10.1.2.3", r.get("src_endpoint").get("ip").asText());
        assertEquals(1_700_000_300_000L, r.get("session").get("expiration_time").asLong());
        assertEquals("a81736a3d5ae1b1d969740fc019ded231ea15632a47ec2979c61ef771f490899",
                r.get("certificate").get("fingerprints").get(0).get("value").asText(),
                "the x5t#S256 thumbprint as OCSF's hexadecimal fingerprint");
        assertEquals("alice", r.get("unmapped").get("nhi").get("owner").asText());
        assertEquals("granted", r.get("unmapped").get("nhi").get("decision").asText());
    }

    @Test
    void aSaveAReportOnlyPolicyWouldRefuseIsAnEntityManagementUpdate() throws Exception {
        IdentityContextRecord save = new IdentityContextRecord(1L, null, "nhi-demo", "legacy-reporter", null, "carol", null, null, Set.of(),
                Set.of(), Decision.WOULD_REFUSE, "nhi-owner-required", "invalid_client_metadata", "nhi.owner: no such user", "127.0.0.1",
                null, null, null, null, null, true, "update", List.of(), null);
        JsonNode r = JSON.readTree(OcsfRecord.format(save));

        assertEquals(3004, r.get("class_uid").asInt());
        assertEquals(300403, r.get("type_uid").asLong());
        assertEquals("legacy-reporter", r.get("entity").get("name").asText());
        assertEquals("would-refuse", r.get("unmapped").get("nhi").get("decision").asText());
        assertFalse(r.has("session"));
    }
}
