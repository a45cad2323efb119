package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator must refuse what OCSF 1.3.0 refuses, at the top level and inside objects, or its passes prove nothing. */
class OcsfValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final OcsfSchema SCHEMA = OcsfSchema.load("ocsf-1.3.0");

    /** Written by hand from the schema, not by OcsfRecord: the validator is tested apart from what it checks. */
    private static final String LOGON = """
            {"class_uid":3002,"class_name":"Authentication","category_uid":3,"category_name":"Identity & Access Management",
             "activity_id":1,"activity_name":"Logon","type_uid":300201,"type_name":"Authentication: Logon","time":1700000000000,
             "severity_id":1,"severity":"Informational","status_id":1,"status":"Success",
             "metadata":{"version":"1.3.0","product":{"name":"p","vendor_name":"v"}},
             "user":{"name":"bot","type_id":3,"type":"System"},"service":{"name":"realm"},"src_endpoint":{"ip":"2001:db8::1"},
             "certificate":{"issuer":"CN=ca","serial_number":"0a1b","fingerprints":[{"algorithm_id":3,"algorithm":"SHA-256","value":"ab"}]},
             "unmapped":{"anything":[1,{"goes":null}],"here":true}}""";

    private static List<String> errors(Consumer<ObjectNode> change) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(LOGON);
        change.accept(event);
        return OcsfValidator.validate(SCHEMA, event);
    }

    private static void refused(String expected, Consumer<ObjectNode> change) throws Exception {
        List<String> errors = errors(change);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(expected)), "expected an error at " + expected + ", got " + errors);
    }

    private static ObjectNode at(JsonNode event, String pointer) {
        return (ObjectNode) event.at(pointer);
    }

    @Test
    void aHandWrittenLogonAndAnEntityManagementUpdateAreValid() throws Exception {
        assertEquals(List.of(), errors(e -> { }), "the valid example must pass, or every refusal below proves nothing");
        JsonNode update = JSON.readTree("""
                {"class_uid":3004,"class_name":"Entity Management","category_uid":3,"category_name":"Identity & Access Management",
                 "activity_id":3,"activity_name":"Update","type_uid":300403,"time":1,"severity_id":2,
                 "metadata":{"version":"1.3.0","product":{"name":"p","vendor_name":"v"}},"entity":{"name":"client","type":"OAuth client"}}""");
        assertEquals(List.of(), OcsfValidator.validate(SCHEMA, update));
    }

    @Test
    void anUnknownAttributeIsRefusedAtTheTopAndInsideObjects() throws Exception {
        refused("client_id: not an attribute of authentication", e -> e.put("client_id", "x"));
        refused("user.nickname: not an attribute of user", e -> at(e, "/user").put("nickname", "x"));
        refused("certificate.fingerprints[0].hex: not an attribute of fingerprint", e -> at(e, "/certificate/fingerprints/0").put("hex", "ab"));
        refused("entity: not an attribute of authentication", e -> e.putObject("entity").put("name", "x"));
    }

    @Test
    void aWrongTypeIsRefused() throws Exception {
        refused("time: a string, but time is timestamp_t (long_t)", e -> e.put("time", "2024-01-01"));
        refused("severity_id: an integer beyond 32 bits", e -> e.put("severity_id", 1L << 40));
        refused("session.expiration_time: a number", e -> e.putObject("session").put("uid", "t").put("expiration_time", 1.5));
        refused("user.type_id: a string", e -> at(e, "/user").put("type_id", "3"));
        refused("metadata.product: a string, but product is the object product", e -> at(e, "/metadata").put("product", "p"));
        refused("src_endpoint.ip: \"10.0.0.300\" is not a ip_t", e -> at(e, "/src_endpoint").put("ip", "10.0.0.300"));
        refused("src_endpoint.port: 70000 is outside port_t's range", e -> at(e, "/src_endpoint").put("port", 70000));
        refused("is_mfa: a string", e -> e.put("is_mfa", "false"));
    }

    @Test
    void anArrayAndASingleValueAreNotInterchangeable() throws Exception {
        refused("metadata.profiles: a string, but profiles is an array of string_t", e -> at(e, "/metadata").put("profiles", "host"));
        refused("certificate.fingerprints: an object", e -> at(e, "/certificate").putObject("fingerprints"));
        refused("user.name: an array", e -> at(e, "/user").putArray("name").add("bot"));
    }

    @Test
    void anEnumValueTheSchemaDoesNotDefineIsRefused() throws Exception {
        refused("auth_protocol_id: 42 is not in the enum", e -> e.put("auth_protocol_id", 42));
        refused("certificate.fingerprints[0].algorithm_id: 77 is not in the enum", e -> at(e, "/certificate/fingerprints/0").put("algorithm_id", 77));
        refused("category_uid: 4 is not in the enum", e -> e.put("category_uid", 4).put("category_name", "Network Activity"));
        refused("activity_id: 7 is not in the enum", e -> e.put("activity_id", 7).remove("activity_name"));
    }

    @Test
    void aCaptionThatIsNotItsIdsIsRefused() throws Exception {
        refused("activity_name: \"Logoff\", but activity_id 1 is \"Logon\"", e -> e.put("activity_name", "Logoff"));
        refused("status: \"Failure\", but status_id 1 is \"Success\"", e -> e.put("status", "Failure"));
        refused("class_name: \"Entity Management\"", e -> e.put("class_name", "Entity Management"));
        refused("category_name: \"IAM\"", e -> e.put("category_name", "IAM"));
        refused("type_name: \"Authentication: Logoff\"", e -> e.put("type_name", "Authentication: Logoff"));
        refused("user.type: \"Admin\", but type_id 3 is \"System\"", e -> at(e, "/user").put("type", "Admin"));
        refused("certificate.fingerprints[0].algorithm: \"SHA-1\"", e -> at(e, "/certificate/fingerprints/0").put("algorithm", "SHA-1"));
        assertEquals(List.of(), errors(e -> at(e, "/user").put("type_id", 99).put("type", "Workload")), "99 (Other) carries the source's own word");
    }

    @Test
    void aTypeUidThatIsNotClassTimes100PlusActivityIsRefused() throws Exception {
        refused("type_uid: 300202, but class_uid 3002 * 100 + activity_id 1 is 300201", e -> e.put("type_uid", 300202).remove("type_name"));
        refused("type_uid: 300401 is not in the enum", e -> e.put("type_uid", 300401).remove("type_name"));
    }

    @Test
    void aMissingRequiredAttributeIsRefusedAtTheTopAndInsideObjects() throws Exception {
        refused("user: required by authentication, missing", e -> e.remove("user"));
        refused("severity_id: required", e -> e.remove("severity_id"));
        refused("metadata.version: required by metadata", e -> at(e, "/metadata").remove("version"));
        refused("metadata.product.vendor_name: required by product", e -> at(e, "/metadata/product").remove("vendor_name"));
        refused("certificate.issuer: required by certificate", e -> at(e, "/certificate").remove("issuer"));
        refused("certificate.serial_number: required by certificate", e -> at(e, "/certificate").putNull("serial_number"));
        refused("certificate.fingerprints[0].value: required by fingerprint", e -> at(e, "/certificate/fingerprints/0").remove("value"));
    }

    @Test
    void theClassesAndObjectsConstraintsHold() throws Exception {
        refused("authentication: authentication needs at least one of [\"service\",\"dst_endpoint\"]", e -> e.remove("service"));
        refused("user: user needs at least one of", e -> at(e, "/user").remove("name"));
        refused("src_endpoint: network_endpoint needs at least one of", e -> at(e, "/src_endpoint").remove("ip"));
    }

    @Test
    void aProfilesAttributeNeedsTheProfileInMetadata() throws Exception {
        refused("src_endpoint.namespace_pid: an attribute of profile container, which metadata.profiles does not list",
                e -> at(e, "/src_endpoint").put("namespace_pid", 7));
        assertEquals(List.of(), errors(e -> {
            at(e, "/src_endpoint").put("namespace_pid", 7);
            at(e, "/metadata").putArray("profiles").add("container");
        }));
        refused("time_dt: an attribute of profile datetime", e -> e.put("time_dt", "2023-11-14T22:13:20Z"));
        assertEquals(List.of(), errors(e -> {
            e.put("time_dt", "2023-11-14T22:13:20Z");
            at(e, "/metadata").putArray("profiles").add("datetime");
        }));
        refused("time_dt: \"yesterday\" is not a datetime_t", e -> {
            e.put("time_dt", "yesterday");
            at(e, "/metadata").putArray("profiles").add("datetime");
        });
        refused("metadata.profiles[0]: no profile nhi", e -> at(e, "/metadata").putArray("profiles").add("nhi"));
    }

    @Test
    void theClassAndTheVersionMustBeTheSchemas() throws Exception {
        refused("class_uid: no class 3099", e -> e.put("class_uid", 3099));
        refused("class_uid: missing", e -> e.remove("class_uid"));
        refused("metadata.version: 1.2.0, but the schema is 1.3.0", e -> at(e, "/metadata").put("version", "1.2.0"));
    }
}
