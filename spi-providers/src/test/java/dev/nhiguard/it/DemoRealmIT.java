package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Jwt;
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

        assertEquals(6, byClient.size(), "demo-portal is a browser app, not a machine identity");
        assertEquals("active", byClient.get("billing-sync").get("ownerState").asText());
        assertTrue(byClient.get("orphan-batch").get("findings").toString().contains("NO_OWNER"));
        assertTrue(byClient.get("legacy-reporter").get("findings").toString().contains("OWNER_DISABLED"));
        assertTrue(byClient.get("stale-etl").get("findings").toString().contains("REVIEW_OVERDUE"));
        assertTrue(byClient.get("ops-automation").get("findings").toString().contains("ADMIN_ROLES"));
        assertEquals("[\"SECRET_AUTH\",\"BROAD_SCOPE\"]", byClient.get("payments-reporter").get("findings").toString(),
                "the least-privilege client: only its shared secret and the never-grantable broad scope remain");
    }

    @Test
    void theReadmeCurlWalkthroughBehavesAsDocumented(AdminApi api) {
        String tokenPath = "/realms/nhi-demo/protocol/openid-connect/token";
        Map<String, String> broad = Map.of("grant_type", "client_credentials", "client_id", "payments-reporter",
                "client_secret", "payments-reporter-secret", "scope", "payments");
        HttpResponse<String> refused = api.form(tokenPath, broad);
        assertEquals(400, refused.statusCode());
        assertEquals("invalid_scope", parse(refused.body()).get("error").asText());

        Map<String, String> narrow = new HashMap<>(broad);
        narrow.put("scope", "payments:read");
        HttpResponse<String> granted = expect(200, api.form(tokenPath, narrow));
        JsonNode claims = Jwt.decode(parse(granted.body()).get("access_token").asText()).claims();
        assertEquals("payments:read", claims.get("scope").asText());
        assertEquals("payments-api", claims.get("aud").asText());

        // a demo client left with Keycloak's defaults is refused until its owner fixes it
        HttpResponse<String> legacy = api.clientCredentials("nhi-demo", "billing-sync", "billing-sync-secret");
        assertEquals(400, legacy.statusCode());
        assertEquals("unauthorized_client", parse(legacy.body()).get("error").asText());
    }

    @Test
    void demoPolicyRefusesAnOwnerlessServiceAccount(AdminApi api) {
        HttpResponse<String> response = api.createServiceAccountClient("nhi-demo", "sneaky-bot", new HashMap<>());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(parse(response.body()).get("error_description").asText().startsWith("nhi.owner: "));
    }
}
