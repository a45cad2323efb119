package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In the master realm, the roles of each realm's admin client (found through the realm's own link) are admin roles. */
@ExtendWith(KeycloakServerExtension.class)
class MasterRealmInventoryIT {

    private static JsonNode entry(AdminApi api, String clientId) {
        for (JsonNode entry : parse(expect(200, api.get("/admin/realms/master/nhi-guard/inventory?max=1000")).body())) {
            if (entry.get("clientId").asText().equals(clientId)) {
                return entry;
            }
        }
        throw new AssertionError("no " + clientId + " in the master inventory");
    }

    @Test
    void aServiceAccountHoldingAnotherRealmsAdminRoleIsAnAdmin(AdminApi api) {
        String realm = api.createRealm("linked");
        String client = "master-ops-" + realm;
        expect(201, api.createServiceAccountClient("master", client, Map.of()));
        String adminClient = realm + "-realm";
        expect(204, api.post("/admin/realms/master/users/" + api.serviceAccountUserId("master", client) + "/role-mappings/clients/"
                + api.clientUuid("master", adminClient), AdminApi.JSON.createArrayNode().add(api.roleOf("master", adminClient, "manage-users"))));
        JsonNode ops = entry(api, client);
        assertEquals("[\"" + adminClient + ":manage-users\"]", ops.get("adminRoles").toString());
        assertTrue(ops.get("findings").toString().contains("ADMIN_ROLES"), ops.toString());
    }
}
