package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.keycloakdb.KeycloakQuery;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/** What the server reports of the start-up run of every query the pack makes on Keycloak's tables. */
public final class KeycloakQueries {

    private KeycloakQueries() {
    }

    /** Every query in every form ran: one form per client selection for a query that reads one. */
    public static String allRan() {
        long forms = Arrays.stream(KeycloakQuery.values()).mapToLong(q -> q.selects() ? 3 : 1).sum();
        return forms + " of " + forms + " ran";
    }

    public static String reported(AdminApi api) {
        JsonNode providers = AdminApi.parse(AdminApi.expect(200, api.get("/admin/serverinfo")).body()).get("providers");
        for (Iterator<Map.Entry<String, JsonNode>> spis = providers.fields(); spis.hasNext(); ) {
            JsonNode info = spis.next().getValue().path("providers").path("nhi-guard").path("operationalInfo");
            if (info.has("nhi-keycloak-queries")) {
                return info.get("nhi-keycloak-queries").asText();
            }
        }
        return "not reported";
    }
}
