package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo realm from realm-exports/, imported at start-up exactly as the run command does. */
@ExtendWith(KeycloakServerExtension.class)
class DemoRealmIT {

    @Test
    void inventoryShowsEachStateTheReadmePromises(AdminApi api) {
        String auditor = api.passwordGrant("nhi-demo", "admin-cli", "auditor", "auditor-demo-password").get("access_token").asText();
        HttpResponse<String> response = expect(200, api.getAs("/admin/realms/nhi-demo/nhi-guard/inventory", auditor));
        Map<String, JsonNode> byClient = new HashMap<>();
        parse(response.body()).forEach(e -> byClient.put(e.get("clientId").asText(), e));

        assertEquals(5, byClient.size(), "demo-portal is a browser app, not a machine identity");
        assertEquals("active", byClient.get("billing-sync").get("ownerState").asText());
        assertTrue(byClient.get("orphan-batch").get("findings").toString().contains("NO_OWNER"));
        assertTrue(byClient.get("legacy-reporter").get("findings").toString().contains("OWNER_DISABLED"));
        assertTrue(byClient.get("stale-etl").get("findings").toString().contains("REVIEW_OVERDUE"));
        assertTrue(byClient.get("ops-automation").get("findings").toString().contains("ADMIN_ROLES"));
    }

    @Test
    void demoPolicyRefusesAnOwnerlessServiceAccount(AdminApi api) {
        HttpResponse<String> response = api.createServiceAccountClient("nhi-demo", "sneaky-bot", new HashMap<>());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith("nhi.owner: "));
    }
}
