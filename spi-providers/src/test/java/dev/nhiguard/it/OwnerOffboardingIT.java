package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.actions;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Owner offboarding: when the person who owns a machine identity is disabled or deleted, their clients show it in the
 * inventory at once, keep working through the realm's owner grace period, and expire when it ends.
 */
@ExtendWith(KeycloakServerExtension.class)
class OwnerOffboardingIT {

    private AdminApi api;
    private LifecycleApi lifecycle;
    private GovernedRealm realm;

    @BeforeEach
    void realmWithOwnershipPolicy(AdminApi api) {
        this.api = api;
        this.lifecycle = new LifecycleApi(api);
        this.realm = GovernedRealm.create(api, "offboarding").withPolicies(Map.of("nhi-owner-required", Map.of()));
    }

    private String ownedClient(String owner) {
        api.createUser(realm.name(), owner, true, GovernedRealm.PASSWORD);
        String clientId = owner + "-bot";
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner);
        expect(201, api.post(realm.path("/clients"), client));
        expect(200, api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId));
        return clientId;
    }

    private String userId(String username) {
        return parse(expect(200, api.get(realm.path("/users?exact=true&username=" + username))).body()).get(0).get("id").asText();
    }

    /** As the admin console does it: the whole user back with one field changed. */
    private void setEnabled(String userId, boolean enabled) {
        ObjectNode user = (ObjectNode) parse(expect(200, api.get(realm.path("/users/" + userId))).body());
        user.put("enabled", enabled);
        expect(204, api.put(realm.path("/users/" + userId), user));
    }

    @Test
    void aDisabledOwnerShowsAtOnceAndTheirClientExpiresWhenTheGracePeriodEnds() {
        String clientId = ownedClient("dave");
        String dave = userId("dave");

        setEnabled(dave, false);

        JsonNode entry = realm.inventoryEntry(clientId);
        assertEquals("disabled", entry.get("ownerState").asText());
        assertTrue(entry.get("findings").toString().contains("OWNER_DISABLED"), entry.toString());
        expect(200, api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId));
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(13))));
        assertEquals(List.of(clientId + ":report:OWNER_GONE"), actions(lifecycle.forecast(realm.name(), today().plusDays(14))));

        setEnabled(dave, true);
        assertEquals(List.of(), actions(lifecycle.forecast(realm.name(), today().plusDays(14))), "the owner is back: no expiry");
    }

    @Test
    void aDeletedOwnersClientKeepsWorkingThroughTheGracePeriodOnly() {
        String clientId = ownedClient("erin");

        expect(204, api.delete(realm.path("/users/" + userId("erin"))));

        assertTrue(realm.inventoryEntry(clientId).get("findings").toString().contains("OWNER_MISSING"));
        expect(200, api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId));
        assertEquals(List.of(clientId + ":report:OWNER_GONE"), actions(lifecycle.forecast(realm.name(), today().plusDays(14))));

        lifecycle.putSettings(realm.name(), Map.of("ownerGraceDays", 0, "mode", "disable"));
        HttpResponse<String> refused = api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("nhi.owner"), refused.body());
        assertEquals(List.of(clientId + ":disable:OWNER_GONE"), actions(lifecycle.sweep(realm.name())));
    }
}
