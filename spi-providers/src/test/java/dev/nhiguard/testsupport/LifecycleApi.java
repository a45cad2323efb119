package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;

/** The pack's lifecycle endpoints (settings, sweep, audit) and token introspection, as an admin's script calls them. */
public final class LifecycleApi {

    private final AdminApi api;

    public LifecycleApi(AdminApi api) {
        this.api = api;
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public JsonNode settings(String realm) {
        return parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/settings")).body());
    }

    public JsonNode putSettings(String realm, Map<String, Object> settings) {
        return parse(expect(200, api.put("/admin/realms/" + realm + "/nhi-guard/settings", settings)).body());
    }

    /** A real sweep, now. */
    public JsonNode sweep(String realm) {
        return parse(expect(200, api.post("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=false", Map.of())).body());
    }

    /** What a sweep today would do. */
    public JsonNode dryRun(String realm) {
        return parse(expect(200, api.post("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=true", Map.of())).body());
    }

    /** What a sweep on {@code day} would do. */
    public JsonNode forecast(String realm, LocalDate day) {
        return parse(expect(200, api.post("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=true&asOf=" + day, Map.of())).body());
    }

    /** "clientId:action:rule" for every entry of a sweep answer, in its order. */
    public static List<String> actions(JsonNode sweep) {
        List<String> actions = new ArrayList<>();
        sweep.get("actions").forEach(a -> actions.add(a.get("clientId").asText() + ":" + a.get("action").asText()
                + (a.get("rule").isNull() ? "" : ":" + a.get("rule").asText())));
        return actions;
    }

    public JsonNode audit(String realm, String clientId) {
        return parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/audit?clientId=" + AdminApi.enc(clientId))).body());
    }

    public JsonNode audit(String realm) {
        return parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/audit?max=1000")).body());
    }

    /** RFC 7662 introspection by a resource server's own client credentials. */
    public JsonNode introspect(String realm, String clientId, String secret, String token) {
        HttpResponse<String> response = api.form("/realms/" + realm + "/protocol/openid-connect/token/introspect",
                Map.of("client_id", clientId, "client_secret", secret, "token", token));
        return parse(expect(200, response).body());
    }

    /** The access token of a successful client_credentials request. */
    public String token(String realm, String clientId, String secret, String scope) {
        return parse(expect(200, api.clientCredentials(realm, clientId, secret, scope)).body()).get("access_token").asText();
    }

    /** A confidential client the resource server uses to introspect tokens (no service account: not a machine identity of its own). */
    public void createResourceServer(String realm, String clientId, String secret) {
        expect(201, api.post("/admin/realms/" + realm + "/clients", Map.of("clientId", clientId, "publicClient", false,
                "secret", secret, "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "serviceAccountsEnabled", false)));
    }
}
