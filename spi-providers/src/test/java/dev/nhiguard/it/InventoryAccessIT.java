package dev.nhiguard.it;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may NOT read the inventory (BOLA and BFLA), next to who may. Every endpoint, every caller. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryAccessIT {

    private static final String PASSWORD = "Access-it-1";
    private AdminApi api;
    private String realm;
    private String otherRealm;

    @BeforeAll
    void realmsAndCallers(AdminApi api) {
        this.api = api;
        realm = api.createRealm("access");
        expect(201, api.createServiceAccountClient(realm, "secret-payments-bot", Map.of("nhi.owner", "viewer")));
        api.createUser(realm, "plain-user", true, PASSWORD);
        String usersOnly = api.createUser(realm, "user-admin", true, PASSWORD);
        api.grantRealmManagementRole(realm, usersOnly, "view-users");
        String viewer = api.createUser(realm, "viewer", true, PASSWORD);
        api.grantRealmManagementRole(realm, viewer, "view-clients");
        String manager = api.createUser(realm, "manager", true, PASSWORD);
        api.grantRealmManagementRole(realm, manager, "manage-clients");

        otherRealm = api.createRealm("access-other");
        String foreignAdmin = api.createUser(otherRealm, "foreign-admin", true, PASSWORD);
        api.grantRealmManagementRole(otherRealm, foreignAdmin, "realm-admin");
    }

    private String tokenOf(String realmName, String username) {
        return api.passwordGrant(realmName, "admin-cli", username, PASSWORD).get("access_token").asText();
    }

    private int status(String endpoint, String bearer) {
        return api.getAs("/admin/realms/" + realm + "/nhi-guard/" + endpoint, bearer).statusCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "inventory/export?format=json", "inventory/export?format=csv"})
    void anonymousCallersGet401(String endpoint) {
        assertEquals(401, status(endpoint, null));
        assertEquals(401, status(endpoint, "not-a-token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "inventory/export?format=json", "inventory/export?format=csv"})
    void usersWithoutClientViewRightsGet403(String endpoint) {
        assertEquals(403, status(endpoint, tokenOf(realm, "plain-user")));
        assertEquals(403, status(endpoint, tokenOf(realm, "user-admin")), "view-users is not view-clients");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "inventory/export?format=json", "inventory/export?format=csv"})
    void anotherRealmsAdminCannotReadThisRealm(String endpoint) {
        int status = status(endpoint, tokenOf(otherRealm, "foreign-admin"));
        assertTrue(status == 401 || status == 403, "got " + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "inventory/export?format=json", "inventory/export?format=csv"})
    void aServiceAccountTokenWithoutRightsIsRefused(String endpoint) {
        String token = AdminApi.parse(expect(200, api.clientCredentials(realm, "secret-payments-bot", "s3cret-secret-payments-bot")).body())
                .get("access_token").asText();
        assertEquals(403, status(endpoint, token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "inventory/export?format=json", "inventory/export?format=csv"})
    void clientViewersAndManagersAndTheMasterAdminMayRead(String endpoint) {
        assertEquals(200, status(endpoint, tokenOf(realm, "viewer")));
        assertEquals(200, status(endpoint, tokenOf(realm, "manager")));
        assertEquals(200, status(endpoint, api.adminToken()));
    }
}
