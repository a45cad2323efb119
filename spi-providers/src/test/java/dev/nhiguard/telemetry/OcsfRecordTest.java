package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcsfRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM_ID = "5b6f2a8e-1c3d-4e5f-9a0b-7c8d9e0f1a2b";

    private static IdentityContextRecord granted() {
        return new IdentityContextRecord(1_700_000_000_000L, "ev-1", "nhi-demo", REALM_ID, "payments-reporter", "sa-user-id", "alice",
                "high", "client_credentials", "token", Set.of("payments:read"), Set.of("payments:read"), Decision.GRANTED, null, null, null, "10.1.2.3",
                "curl/8.5", "token-id", 300, "qBc2o9WuGx2Wl0D8AZ3tIx6hVjKkfsKXnGHvdx9JCJk", "CN=settlement-gateway",
                "CN=NHI Guard Issuing CA,O=NHI Guard", "4f1a0c3e5b2d", true, null, List.of(), null);
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
        assertEquals("CN=NHI Guard Issuing CA,O=NHI Guard", r.get("certificate").get("issuer").asText());
        assertEquals("4f1a0c3e5b2d", r.get("certificate").get("serial_number").asText());
        assertEquals(REALM_ID, r.get("metadata").get("tenant_uid").asText());
        assertEquals("alice", r.get("unmapped").get("nhi").get("owner").asText());
        assertEquals("granted", r.get("unmapped").get("nhi").get("decision").asText());
    }

    @Test
    void aSaveAReportOnlyPolicyWouldRefuseIsAnEntityManagementUpdate() throws Exception {
        IdentityContextRecord save = new IdentityContextRecord(1L, null, "nhi-demo", REALM_ID, "legacy-reporter", null, "carol", null, null, null,
                Set.of(), Set.of(), Decision.WOULD_REFUSE, "nhi-owner-required", "invalid_client_metadata", "nhi.owner: no such user", "127.0.0.1",
                null, null, null, null, null, null, null, true, "update", List.of(), null);
        JsonNode r = JSON.readTree(OcsfRecord.format(save));

        assertEquals(3004, r.get("class_uid").asInt());
        assertEquals(300403, r.get("type_uid").asLong());
        assertEquals("legacy-reporter", r.get("entity").get("name").asText());
        assertEquals("would-refuse", r.get("unmapped").get("nhi").get("decision").asText());
        assertFalse(r.has("session"));
    }

    /** One record of each class and decision the pack writes, with the facts the listener gives it in that case. */
    private static Map<String, IdentityContextRecord> everyKindOfRecord() {
        Map<String, IdentityContextRecord> records = new LinkedHashMap<>();
        records.put("granted", new IdentityContextRecord(1_700_000_000_000L, "ev-granted", "nhi-demo", REALM_ID, "payments-reporter",
                "sa-user-id", "alice", "high", "client_credentials", "token", Set.of("payments:read"), Set.of("payments:read"), Decision.GRANTED,
                null, null, null, "10.1.2.3", "curl/8.5", "token-id", 300, null, null, null, null, true, null, List.of(), null));
        records.put("refused", new IdentityContextRecord(1_700_000_000_001L, "ev-refused", "nhi-demo", REALM_ID, "payments-reporter",
                null, "alice", "high", "client_credentials", "token", Set.of(), Set.of(), Decision.REFUSED, "keycloak", "invalid_client",
                "Invalid client or Invalid client credentials", "2001:db8::7", "python-requests/2.32", null, null, null, null, null, null,
                false, null, List.of(), null));
        records.put("would-refuse", new IdentityContextRecord(1_700_000_000_002L, "ev-report-only", "nhi-demo", REALM_ID,
                "payments-reporter", "sa-user-id", "alice", "high", "client_credentials", "token", Set.of("payments:read", "payments:write"),
                Set.of("payments:read", "payments:write"), Decision.WOULD_REFUSE, "nhi-scope-narrowing", "invalid_scope",
                "scope payments:write is not allowed for tier high", "10.1.2.3", null, "token-id-2", 300, null, null, null, null, true, null,
                List.of(), null));
        records.put("certificate-bound", granted());
        records.put("anomaly flags", new IdentityContextRecord(1_700_000_000_003L, "ev-flags", "nhi-demo", REALM_ID, "payments-reporter",
                "sa-user-id", "alice", "high", "client_credentials", "token", Set.of(), Set.of("payments:read"), Decision.GRANTED, null, null, null,
                "198.51.100.9", "Mozilla/5.0", "token-id-3", 300, null, null, null, null, true, null, List.of("NEW_NETWORK", "HUMAN_USE"), null));
        records.put("named caller", new IdentityContextRecord(1_700_000_000_004L, "ev-exchange", "nhi-demo", REALM_ID, "payments-reporter",
                null, "alice", "high", "urn:ietf:params:oauth:grant-type:token-exchange", "token", Set.of(), Set.of(), Decision.REFUSED,
                "nhi-machine-subject", "access_denied", "a machine identity's token may not be exchanged", "10.1.2.4", "curl/8.5", null, null,
                null, null, null, null, false, null, List.of(), "web-portal"));
        records.put("client create would-refuse", new IdentityContextRecord(1_700_000_000_005L, null, "nhi-demo", REALM_ID, "new-reporter",
                null, null, null, null, null, Set.of(), Set.of(), Decision.WOULD_REFUSE, "nhi-owner-required", "invalid_client_metadata",
                "nhi.owner: required", "127.0.0.1", "Mozilla/5.0", null, null, null, null, null, null, true, "create", List.of(), null));
        records.put("client update would-refuse", new IdentityContextRecord(1_700_000_000_006L, null, "nhi-demo", REALM_ID,
                "legacy-reporter", null, "carol", "low", null, null, Set.of(), Set.of(), Decision.WOULD_REFUSE, "nhi-owner-required",
                "invalid_client_metadata", "nhi.owner: no such user", "127.0.0.1", null, null, null, null, null, null, null, true, "update",
                List.of(), null));
        records.put("introspection, wrong secret", new IdentityContextRecord(1_700_000_000_007L, "ev-introspect", "nhi-demo", REALM_ID,
                "payments-reporter", null, "alice", "high", null, "introspection", Set.of(), Set.of(), Decision.REFUSED, "keycloak",
                "invalid_client_credentials", null, "203.0.113.5", "curl/8.5", null, null, null, null, null, null, false, null,
                List.of("REFUSAL_BURST"), null));
        records.put("revocation, authenticated", new IdentityContextRecord(1_700_000_000_008L, "ev-revoke", "nhi-demo", REALM_ID,
                "payments-reporter", "sa-user-id", "alice", "high", null, "revocation", Set.of(), Set.of(), Decision.GRANTED, null, null, null,
                "10.1.2.3", "curl/8.5", null, null, null, null, null, null, true, null, List.of(), null));
        return records;
    }

    /** The OCSF 1.3.0 schema files of ocsf/ocsf-schema (test resources), not a hand copy of what a record should hold. */
    @Test
    void everyRecordTheListenerWritesIsAValidOcsf130Event() throws Exception {
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (Map.Entry<String, IdentityContextRecord> record : everyKindOfRecord().entrySet()) {
            JsonNode event = JSON.readTree(OcsfRecord.format(record.getValue()));
            List<String> errors = OcsfValidator.validate(OcsfValidatorTest.SCHEMA, event);
            if (!errors.isEmpty()) {
                invalid.put(record.getKey(), errors);
            }
            assertEquals(REALM_ID, event.path("metadata").path("tenant_uid").asText(), record.getKey() + ": the realm's id as OCSF's tenant");
        }
        assertTrue(invalid.isEmpty(), "records OCSF 1.3.0 refuses: " + invalid);
    }
}
