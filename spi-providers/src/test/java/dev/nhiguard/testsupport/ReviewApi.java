package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The review endpoints as an owner's or an admin's script calls them, with that person's own token. */
public final class ReviewApi {

    private final AdminApi api;
    private final String realm;

    public ReviewApi(AdminApi api, String realm) {
        this.api = api;
        this.realm = realm;
    }

    public String tokenOf(String username, String password) {
        return api.passwordGrant(realm, "admin-cli", username, password).get("access_token").asText();
    }

    public HttpResponse<String> queue(String bearer, String query) {
        return api.getAs("/admin/realms/" + realm + "/nhi-guard/reviews" + (query == null ? "" : "?" + query), bearer);
    }

    /** The clientIds of a queue answer, in its order. */
    public static List<String> clientIds(HttpResponse<String> queue) {
        List<String> ids = new ArrayList<>();
        AdminApi.parse(AdminApi.expect(200, queue).body()).forEach(item -> ids.add(item.get("clientId").asText()));
        return ids;
    }

    public HttpResponse<String> history(String bearer, String clientUuid) {
        return api.getAs("/admin/realms/" + realm + "/nhi-guard/clients/" + clientUuid + "/reviews", bearer);
    }

    public HttpResponse<String> review(String bearer, String clientUuid, Object body) {
        return api.sendJson("POST", "/admin/realms/" + realm + "/nhi-guard/clients/" + clientUuid + "/reviews", body, bearer);
    }

    public HttpResponse<String> decide(String bearer, String clientUuid, String decision, String comment) {
        return review(bearer, clientUuid, comment == null ? Map.of("decision", decision) : Map.of("decision", decision, "comment", comment));
    }

    /** The client as its Governance tab shows it to this caller. */
    public JsonNode itemOf(String bearer, String clientUuid) {
        return AdminApi.parse(AdminApi.expect(200, api.getAs("/admin/realms/" + realm + "/nhi-guard/clients/" + clientUuid, bearer)).body());
    }

    public JsonNode historyOf(String clientUuid) {
        return AdminApi.parse(AdminApi.expect(200, history(api.adminToken(), clientUuid)).body());
    }
}
