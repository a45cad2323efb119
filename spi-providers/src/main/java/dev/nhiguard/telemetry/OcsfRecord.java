package dev.nhiguard.telemetry;

import dev.nhiguard.shared.PackVersion;

import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes a record in OCSF 1.3.0: a token request as an Authentication event (class 3002, activity Logon), a client
 * save a report-only policy would have refused as an Entity Management event (class 3004). What OCSF has no field for
 * sits under {@code unmapped.nhi}. docs/telemetry.md maps every field.
 */
final class OcsfRecord {

    static final String SCHEMA_VERSION = "1.3.0";
    private static final int AUTHENTICATION = 3002;
    private static final int ENTITY_MANAGEMENT = 3004;

    private OcsfRecord() {
    }

    /** The fields every record of a class begins with, written once (the record's shape is fixed). */
    private static final String LOGON = head(AUTHENTICATION, "Authentication", 1, "Logon");
    private static final String CREATE = head(ENTITY_MANAGEMENT, "Entity Management", 1, "Create");
    private static final String UPDATE = head(ENTITY_MANAGEMENT, "Entity Management", 3, "Update");
    private static final String PRODUCT = new JsonLine().object("product").field("name", "NHI Guard for Keycloak")
            .field("vendor_name", "NHI Guard").field("version", PackVersion.version()).end().fieldsOnly();
    private static final String AUTHENTICATION_FIELDS = new JsonLine().field("auth_protocol_id", 6).field("auth_protocol", "OAUTH 2.0")
            .field("logon_type_id", 3).field("logon_type", "Network").field("is_mfa", false).fieldsOnly();

    private static String head(int classUid, String className, int activity, String activityName) {
        return new JsonLine().field("class_uid", classUid).field("class_name", className).field("category_uid", 3)
                .field("category_name", "Identity & Access Management").field("activity_id", activity).field("activity_name", activityName)
                .field("type_uid", classUid * 100L + activity).fieldsOnly();
    }

    static String format(IdentityContextRecord r) {
        return format(r, new StringBuilder(2048));
    }

    /** The record as one line of JSON, written into {@code buffer} (the writer thread's own, reused). */
    static String format(IdentityContextRecord r, StringBuilder buffer) {
        boolean save = r.save() != null;
        JsonLine json = new JsonLine(buffer)
                .raw(!save ? LOGON : "create".equals(r.save()) ? CREATE : UPDATE)
                .field("time", r.time())
                .field("severity_id", severity(r.decision()))
                .field("status_id", r.decision() == Decision.REFUSED ? 2 : 1)
                .field("status", r.decision() == Decision.REFUSED ? "Failure" : "Success")
                .field("status_code", r.error())
                .field("status_detail", r.reason());
        message(json, r);
        json.object("metadata").field("version", SCHEMA_VERSION).field("uid", r.eventId()).field("tenant_uid", r.realmId())
                .field("log_name", IdentityContextLog.CATEGORY)
                .raw(PRODUCT)
                .end();
        if (save) {
            json.object("entity").field("name", r.clientId()).field("type", "OAuth client").end();
        } else {
            json.raw(AUTHENTICATION_FIELDS);
            json.object("user").field("uid", r.subject()).field("name", r.clientId()).field("type_id", 3).field("type", "System").end();
            json.object("service").field("name", r.realm()).end();
            if (r.address() != null) {
                json.object("src_endpoint").field("ip", r.address()).end();
            }
            if (r.userAgent() != null) {
                json.object("http_request").field("user_agent", r.userAgent()).end();
            }
            if (r.tokenId() != null) {
                json.object("session").field("uid", r.tokenId());
                if (r.lifetimeSeconds() != null) {
                    json.field("expiration_time", r.time() + r.lifetimeSeconds() * 1000L);
                }
                json.end();
            }
            if (r.certificateThumbprint() != null) {
                json.object("certificate").field("subject", r.certificateSubject())
                        .field("issuer", r.certificateIssuer()).field("serial_number", r.certificateSerial())
                        .array("fingerprints").element().field("algorithm_id", 3).field("algorithm", "SHA-256")
                        .field("value", hex(r.certificateThumbprint())).end().endArray()
                        .end();
            }
        }
        json.object("unmapped").object("nhi")
                .field("realm", r.realm())
                .field("client_id", r.clientId())
                .field("owner", r.owner())
                .field("tier", r.tier())
                .field("grant_type", r.grant())
                .field("endpoint", r.endpoint())
                .field("decision", r.decision().value())
                .field("rule", r.rule())
                .field("authenticated", r.authenticated());
        if (!save) {
            json.field("scopes_requested", r.requestedScopes())
                    .field("scopes_granted", r.grantedScopes())
                    .field("token_id", r.tokenId())
                    .field("token_lifetime_seconds", r.lifetimeSeconds())
                    .field("cnf_x5t_s256", r.certificateThumbprint());
            json.field("named_caller", r.namedCaller());
            if (r.flags() != null && !r.flags().isEmpty()) {
                json.field("anomaly_flags", r.flags());
            }
        }
        json.end().end();
        return json.toString();
    }

    private static int severity(Decision decision) {
        return switch (decision) {
            case GRANTED -> 1;
            case WOULD_REFUSE -> 2;
            case REFUSED -> 3;
        };
    }

    /** "token request of billing-sync: granted", "create of client x: would-refuse by nhi-owner-required". */
    private static void message(JsonLine json, IdentityContextRecord r) {
        json.openText("message");
        if (r.save() != null) {
            json.text(r.save()).text(" of client ");
        } else {
            json.text(r.endpoint() == null || r.endpoint().equals("token") ? "token" : r.endpoint()).text(" request of ");
        }
        json.text(r.clientId()).text(": ").text(r.decision().value());
        if (r.rule() != null) {
            json.text(" by ").text(r.rule());
        }
        json.closeText();
    }

    /** OCSF fingerprints are hexadecimal; RFC 8705's x5t#S256 is base64url of the same digest. */
    private static String hex(String base64url) {
        try {
            return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(base64url));
        } catch (IllegalArgumentException notBase64) {
            return base64url;
        }
    }
}
