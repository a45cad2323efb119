package dev.nhiguard.it;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call the lifecycle endpoints (settings, sweep, usage flush, audit) and, above all, who may NOT: every
 * endpoint against every kind of caller, with the status Keycloak's own admin API would give.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleAccessIT {

    private static final String PASSWORD = "Lifecycle-access-1";
    private static final String SETTINGS = "{\"mode\":\"report\"}";

    private AdminApi api;
    private String realm;
    private String otherRealm;

    @BeforeAll
    void callers(AdminApi api) {
        this.api = api;
        realm = api.createRealm("lifecycle-access");
        expect(201, api.createServiceAccountClient(realm, "plain-bot", Map.of()));
        api.createUser(realm, "plain-user", true, PASSWORD);
        for (String role : new String[] {"view-users", "view-clients", "manage-clients", "view-realm", "manage-realm", "realm-admin"}) {
            api.grantRealmManagementRole(realm, api.createUser(realm, role, true, PASSWORD), role);
        }
        // one retired client, so the audit has a record another realm's admin must not see
        expect(201, api.createServiceAccountClient(realm, "overdue-bot", Map.of("nhi.review-by",
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString())));
        expect(200, api.put("/admin/realms/" + realm + "/nhi-guard/settings", Map.of("mode", "disable", "reviewGraceDays", 0)));
        expect(200, api.post("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=false", Map.of()));
        otherRealm = api.createRealm("lifecycle-foreign");
        api.grantRealmManagementRole(otherRealm, api.createUser(otherRealm, "foreign-admin", true, PASSWORD), "realm-admin");
    }

    private String tokenOf(String realmName, String username) {
        return api.passwordGrant(realmName, "admin-cli", username, PASSWORD).get("access_token").asText();
    }

    private HttpResponse<String> send(String method, String endpoint, String bearer) {
        String path = "/admin/realms/" + realm + "/nhi-guard/" + endpoint;
        return method.equals("GET") ? api.getAs(path, bearer)
                : api.sendJson(method, path, endpoint.equals("settings") ? SETTINGS : "{}", bearer);
    }

    private int call(String method, String endpoint, String bearer) {
        return send(method, endpoint, bearer).statusCode();
    }

    /** The status; a 400 of this matrix is the pack's refusal of a sweep without dryRun, and says so. */
    private void assertCall(int expected, String method, String endpoint, String bearer, String caller) {
        HttpResponse<String> response = send(method, endpoint, bearer);
        assertEquals(expected, response.statusCode(), caller);
        if (expected == 400) {
            assertAdminError(response, 400, "dryRun: required");
        }
    }

    /** Columns: method, endpoint, then the status each caller gets. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // method, endpoint,             plain, view-users, view-clients, manage-clients, view-realm, manage-realm, realm-admin
            "GET,  settings,                   403, 403, 403, 403, 200, 200, 200",
            "PUT,  settings,                   403, 403, 403, 403, 403, 200, 200",
            "POST, sweep?dryRun=true,          403, 403, 200, 200, 403, 403, 200",
            "POST, sweep?dryRun=false,         403, 403, 403, 200, 403, 403, 200",
            // a sweep asked for without dryRun is refused as ambiguous, but only to a caller who could see its answer
            "POST, sweep,                      403, 403, 400, 400, 403, 403, 400",
            "GET,  sweep,                      403, 403, 200, 200, 403, 403, 200",
            "POST, usage/flush,                403, 403, 403, 200, 403, 403, 200",
            "GET,  audit,                      403, 403, 200, 200, 403, 403, 200",
            "GET,  credential-policy,          403, 403, 403, 403, 200, 200, 200",
            "PUT,  credential-policy,          403, 403, 403, 403, 403, 200, 200",
            "GET,  inventory/summary,          403, 403, 200, 200, 403, 403, 200",
            "GET,  signals,                    403, 403, 200, 200, 403, 403, 200",
    })
    void eachCallerGetsWhatTheirRolesAllow(String method, String endpoint, int plain, int viewUsers, int viewClients, int manageClients,
                                           int viewRealm, int manageRealm, int realmAdmin) {
        assertCall(plain, method, endpoint, tokenOf(realm, "plain-user"), "plain user");
        assertCall(viewUsers, method, endpoint, tokenOf(realm, "view-users"), "view-users");
        assertCall(viewClients, method, endpoint, tokenOf(realm, "view-clients"), "view-clients");
        assertCall(manageClients, method, endpoint, tokenOf(realm, "manage-clients"), "manage-clients");
        assertCall(viewRealm, method, endpoint, tokenOf(realm, "view-realm"), "view-realm");
        assertCall(manageRealm, method, endpoint, tokenOf(realm, "manage-realm"), "manage-realm");
        assertCall(realmAdmin, method, endpoint, tokenOf(realm, "realm-admin"), "realm-admin");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, settings", "PUT, settings", "POST, sweep?dryRun=true", "POST, sweep?dryRun=false", "POST, sweep", "GET, sweep", "POST, usage/flush", "GET, audit",
            "GET, credential-policy", "PUT, credential-policy", "GET, inventory/summary", "GET, signals"})
    void strangersAreTurnedAway(String method, String endpoint) {
        assertEquals(401, call(method, endpoint, null), "no token");
        assertEquals(401, call(method, endpoint, "not-a-token"), "a forged token");
        int foreign = call(method, endpoint, tokenOf(otherRealm, "foreign-admin"));
        assertTrue(foreign == 401 || foreign == 403, "another realm's admin got " + foreign);
        String serviceAccount = AdminApi.parse(expect(200, api.clientCredentials(realm, "plain-bot", "s3cret-plain-bot")).body())
                .get("access_token").asText();
        assertEquals(403, call(method, endpoint, serviceAccount), "a machine identity of the realm itself");
    }

    @org.junit.jupiter.api.Test
    void anotherRealmsAdminCannotReadThisRealmsAuditThroughTheirOwnRealm() {
        String retired = "overdue-bot";
        String own = api.getAs("/admin/realms/" + realm + "/nhi-guard/audit?clientId=" + retired, tokenOf(realm, "view-clients")).body();
        assertTrue(own.contains("overdue-bot"), "the realm's own viewer sees the record: " + own);

        HttpResponse<String> foreign = api.getAs("/admin/realms/" + otherRealm + "/nhi-guard/audit?clientId=" + retired,
                tokenOf(otherRealm, "foreign-admin"));
        assertEquals(200, foreign.statusCode());
        assertEquals("[]", foreign.body(), "the same clientId asked for in another realm finds nothing of this one");
    }
}
