package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.JSON;
import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.Refusal.assertAdminError;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static dev.nhiguard.testsupport.Refusal.assertSaveRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm's credential policy (nhi-guard/credential-policy) and nhi-credential-policy: secret lifetime and warning,
 * secret-free tiers, secrets dated at first sight, Keycloak's own secret rotation with its grace period, and the
 * inventory's findings and summary.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialPolicyIT {

    private static final String DEFAULTS = "{\"secretMaxAgeDays\":90,\"secretWarningDays\":14,\"secretFreeTiers\":[],\"secretFreeSince\":{}}";

    private AdminApi api;
    private KeycloakServer server;

    @BeforeAll
    void server(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
    }

    private String governedRealm(String prefix) {
        String realm = api.createRealm(prefix);
        api.enableExecutor(realm, "nhi-credential-policy", Map.of(), "any-client", Map.of());
        return realm;
    }

    private static String policyPath(String realm) {
        return "/admin/realms/" + realm + "/nhi-guard/credential-policy";
    }

    /** A machine client with a shared secret that Keycloak says it made {@code daysAgo} days ago (none when null). */
    private static ObjectNode secretClient(String clientId, String tier, Integer daysAgo) {
        ObjectNode client = AdminApi.serviceAccountClient(clientId, Map.of("nhi.tier", tier));
        if (daysAgo != null) {
            ((ObjectNode) client.get("attributes")).put("client.secret.creation.time",
                    String.valueOf(Instant.now().minus(daysAgo, ChronoUnit.DAYS).getEpochSecond()));
        }
        return client;
    }

    private HttpResponse<String> token(String realm, String clientId, String secret) {
        return api.clientCredentials(realm, clientId, secret);
    }

    @Test
    void theDefaultsChangeAndTravelInTheRealmsJson() {
        String realm = api.createRealm("credentials-settings");
        expect(204, api.put("/admin/realms/" + realm, Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)));
        assertEquals(DEFAULTS, parse(expect(200, api.get(policyPath(realm))).body()).toString());

        JsonNode changed = parse(expect(200, api.put(policyPath(realm), Map.of("secretMaxAgeDays", 60, "secretFreeTiers", List.of("critical")))).body());
        assertEquals(60, changed.get("secretMaxAgeDays").asInt());
        assertEquals(14, changed.get("secretWarningDays").asInt());
        assertEquals("[\"critical\"]", changed.get("secretFreeTiers").toString());
        Instant since = Instant.parse(changed.get("secretFreeSince").get("critical").asText());
        assertTrue(Duration.between(since, Instant.now()).abs().toMinutes() < 5, "the tier is secret-free from now: " + since);
        JsonNode attributes = parse(expect(200, api.get("/admin/realms/" + realm)).body()).get("attributes");
        assertEquals("60", attributes.get("nhi.credential.secret-max-age-days").asText());
        assertEquals("critical", attributes.get("nhi.credential.secret-free-tiers").asText());
        assertEquals("critical=" + since, attributes.get("nhi.credential.secret-free-since").asText());
        JsonNode events = parse(expect(200, api.get("/admin/realms/" + realm + "/admin-events?resourceTypes=REALM")).body());
        assertTrue(events.toString().contains("nhi-guard/credential-policy"), "the change is an admin event: " + events);
    }

    @Test
    void everyBadValueIsNamedAndNothingIsChanged() {
        String realm = api.createRealm("credentials-bad");
        HttpResponse<String> refused = api.put(policyPath(realm), "{\"secretMaxAgeDays\":\"90\",\"secretWarningDays\":-1,"
                + "\"secretFreeTiers\":[\"high,critical\"],\"secretFreeSince\":\"yesterday\",\"maxSecretAge\":1}");
        String message = assertAdminError(refused, 400, "secretMaxAgeDays: must be a whole number from 1 to 3650");
        for (String named : List.of("secretWarningDays: must be a whole number from 0 to 365", "secretFreeTiers: must be a list of tiers",
                "secretFreeSince: must be a UTC date and time", "maxSecretAge: not a setting")) {
            assertTrue(message.contains(named), named + " in " + message);
        }
        assertAdminError(api.put(policyPath(realm), "{\"secretMaxAgeDays\":30,\"secretMaxAgeDays\":60}"), 400, "secretMaxAgeDays");
        assertAdminError(api.put(policyPath(realm), "{\"secretMaxAgeDays\":30} {}"), 400, "the body is not one JSON value");
        assertAdminError(api.put(policyPath(realm), "[30]"), 400, "must be a JSON object");
        assertAdminError(api.put(policyPath(realm), Map.of("secretMaxAgeDays", 14)), 400, "secretWarningDays: must be less than secretMaxAgeDays (14)");
        assertEquals(DEFAULTS, parse(expect(200, api.get(policyPath(realm))).body()).toString(), "nothing was written");
    }

    @Test
    void realmJsonWithAnUnreadablePolicyIsRefusedNamingTheAttribute() {
        String realm = api.createRealm("credentials-json");
        assertAdminError(api.put("/admin/realms/" + realm, Map.of("attributes", Map.of("nhi.credential.secret-max-age-days", "ninety"))), 400,
                "nhi.credential.secret-max-age-days: must be a whole number from 1 to 3650");
        assertAdminError(api.put("/admin/realms/" + realm, Map.of("attributes", Map.of("nhi.credential.secret-free-tiers", "critical"))), 400,
                "nhi.credential.secret-free-since: required while nhi.credential.secret-free-tiers names a tier");
        assertAdminError(api.put("/admin/realms/" + realm, Map.of("attributes", Map.of("nhi.credential.secret-free-tiers", "critical",
                "nhi.credential.secret-free-since", "-999999999-01-01T00:00:00Z"))), 400, "nhi.credential.secret-free-since: must be tier=date pairs");
        assertEquals(DEFAULTS, parse(expect(200, api.get(policyPath(realm))).body()).toString());
    }

    /** Keycloak keeps a secret's creation time but never refuses an old secret unless its own rotation set an expiry. */
    @Test
    void anExpiredSecretGetsNoTokenWhicheverDoorTheClientCameThrough() {
        String realm = governedRealm("credentials-expired");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("old-bot", "standard", 91)));
        assertOAuthError(token(realm, "old-bot", "s3cret-old-bot"), 400, "invalid_client", "client secret: expired on "
                + Instant.now().minus(1, ChronoUnit.DAYS).toString().substring(0, 10) + " (this realm lets a secret live 90 days); rotate it");
        expect(200, api.partialImport(realm, "FAIL", secretClient("imported-bot", "standard", 120)));
        assertOAuthError(token(realm, "imported-bot", "s3cret-imported-bot"), 400, "invalid_client", "client secret: expired on");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("young-bot", "standard", 89)));
        assertEquals(200, token(realm, "young-bot", "s3cret-young-bot").statusCode());
        expect(200, api.put(policyPath(realm), Map.of("secretMaxAgeDays", 60)));
        assertOAuthError(token(realm, "young-bot", "s3cret-young-bot"), 400, "invalid_client", "this realm lets a secret live 60 days");

        JsonNode readiness = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/readiness")).body());
        JsonNode rule = readiness.get("rules").get(0);
        assertEquals("nhi-credential-policy", rule.get("rule").asText());
        List<String> refused = new java.util.ArrayList<>();
        rule.get("refusedAtTokenTime").forEach(c -> refused.add(c.get("clientId").asText() + ":" + c.get("findings")));
        assertEquals(List.of("imported-bot:[\"SECRET_EXPIRED\"]", "old-bot:[\"SECRET_EXPIRED\"]", "young-bot:[\"SECRET_EXPIRED\"]"),
                refused.stream().sorted().toList(), "the readiness view names whom the policy cuts off: " + rule);
    }

    /** A realm whose policy holds Keycloak's secret rotation (a day's lifetime, an hour's grace) and, unless told otherwise, the pack's. */
    private String rotatingRealm(String prefix, boolean withPack) {
        String realm = api.createRealm(prefix);
        ObjectNode profiles = JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject().put("name", "credentials");
        profile.putArray("executors").addObject().put("executor", "secret-rotation").set("configuration",
                JSON.valueToTree(Map.of("expiration-period", "86400", "rotated-expiration-period", "3600", "remaining-rotation-period", "3600")));
        if (withPack) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) profile.get("executors")).addObject().put("executor", "nhi-credential-policy")
                    .putObject("configuration");
        }
        expect(204, api.put("/admin/realms/" + realm + "/client-policies/profiles", profiles));
        expect(204, api.put("/admin/realms/" + realm + "/client-policies/policies", parse("{\"policies\":[{\"name\":\"credentials\","
                + "\"enabled\":true,\"conditions\":[{\"condition\":\"any-client\",\"configuration\":{}}],\"profiles\":[\"credentials\"]}]}")));
        return realm;
    }

    private String regenerate(String realm, String clientId) {
        return parse(expect(200, api.post("/admin/realms/" + realm + "/clients/" + api.clientUuid(realm, clientId) + "/client-secret", Map.of())).body())
                .get("value").asText();
    }

    @Test
    void aRotatedSecretWorksAndTheOldOneKeepsKeycloaksGracePeriodUnlessItHadExpired() {
        String realm = rotatingRealm("credentials-rotation", true);
        expect(200, api.partialImport(realm, "FAIL", secretClient("rotating-bot", "standard", 10)));
        String fresh = regenerate(realm, "rotating-bot");
        assertEquals(200, token(realm, "rotating-bot", fresh).statusCode(), "the new secret");
        assertEquals(200, token(realm, "rotating-bot", "s3cret-rotating-bot").statusCode(), "the old one, within the rotation's grace period");
        JsonNode entry = api.inventoryEntry(realm, "rotating-bot");
        assertEquals("keycloak", entry.get("secretCreatedFrom").asText());
        assertEquals(0, entry.get("secretAgeDays").asInt());
        assertEquals(List.of("STATIC_SECRET", "SECRET_EXPIRING"), findingsOf(entry, "SECRET"), "a day left, within the 14 days' warning: " + entry);
        assertTrue(Instant.parse(entry.get("secretExpires").asText()).isBefore(Instant.now().plus(2, ChronoUnit.DAYS)),
                "Keycloak's rotation expires the new secret in a day, sooner than the realm's 90: " + entry);
        String uuid = api.clientUuid(realm, "rotating-bot");
        expect(204, api.delete("/admin/realms/" + realm + "/clients/" + uuid + "/client-secret/rotated"));
        assertEquals(401, token(realm, "rotating-bot", "s3cret-rotating-bot").statusCode(), "the grace period ended on request");

        expect(200, api.partialImport(realm, "FAIL", secretClient("late-bot", "standard", 100)));
        assertOAuthError(token(realm, "late-bot", "s3cret-late-bot"), 400, "invalid_client", "client secret: expired on");
        String renewed = regenerate(realm, "late-bot");
        assertEquals(200, token(realm, "late-bot", renewed).statusCode());
        assertOAuthError(token(realm, "late-bot", "s3cret-late-bot"), 400, "invalid_client", "client secret: expired on");
        assertOAuthError(api.clientCredentialsWithBasicAuth(realm, "late-bot", "s3cret-late-bot"), 400, "invalid_client", "client secret: expired on"); // the secret in the Authorization header is judged the same

        ObjectNode signing = secretClient("signing-bot", "standard", 100);
        signing.put("clientAuthenticatorType", "client-secret-jwt");
        expect(200, api.partialImport(realm, "FAIL", signing));
        String signingKey = regenerate(realm, "signing-bot");
        assertEquals(200, api.clientCredentialsWithSecretJwt(realm, "signing-bot", signingKey).statusCode(), "signed with the new secret");
        assertOAuthError(api.clientCredentialsWithSecretJwt(realm, "signing-bot", "s3cret-signing-bot"), 400, "invalid_client",
                "client secret: expired on"); // signed with the old one, which Keycloak's rotation still accepts
    }

    /** Keycloak's rotation accepts whatever its rotated-secret attributes hold, and anyone who may write the client may write them. */
    @Test
    void aPreviousSecretSetByHandGetsNoTokenAndIsAFinding() {
        String realm = rotatingRealm("credentials-shadow", true);
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("shadowed-bot", "standard", null)));
        regenerate(realm, "shadowed-bot");
        ObjectNode planted = (ObjectNode) api.client(realm, "shadowed-bot");
        ((ObjectNode) planted.get("attributes")).put("client.secret.rotated", "planted-s3cret")
                .put("client.secret.rotated.creation.time", String.valueOf(Instant.now().getEpochSecond()))
                .put("client.secret.rotated.expiration.time", String.valueOf(Instant.now().plus(300, ChronoUnit.DAYS).getEpochSecond()));
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + planted.get("id").asText(), planted));
        assertOAuthError(token(realm, "shadowed-bot", "planted-s3cret"), 400, "invalid_client",
                "client secret: Keycloak's rotation still accepts a previous secret that no rotation of this realm left there");
        JsonNode entry = api.inventoryEntry(realm, "shadowed-bot");
        assertEquals(List.of("STATIC_SECRET", "SECRET_EXPIRING", "UNTRUSTED_SECRET"), findingsOf(entry, "SECRET"), entry.toString());
        assertFalse(entry.toString().contains("planted-s3cret"), "the inventory never shows a secret");

        ObjectNode imported = secretClient("imported-shadow-bot", "standard", null);
        ((ObjectNode) imported.get("attributes")).put("client.secret.rotated", "s3cret-shadowed-bot")
                .put("client.secret.rotated.creation.time", String.valueOf(Instant.now().getEpochSecond()))
                .put("client.secret.rotated.expiration.time", String.valueOf(Instant.now().plus(300, ChronoUnit.DAYS).getEpochSecond()));
        expect(200, api.partialImport(realm, "FAIL", imported));
        assertEquals(200, token(realm, "imported-shadow-bot", "s3cret-imported-shadow-bot").statusCode(), "its own secret works");
        assertOAuthError(token(realm, "imported-shadow-bot", "s3cret-shadowed-bot"), 400, "invalid_client", "no rotation of this realm left there"); // another client's secret is not this one's previous secret

        // in a realm whose policies hold no rotation executor nothing leaves a previous secret behind (and the admin API
        // drops the attributes there): the client's own earlier secret, written back by a partial import, is no previous secret either
        String plain = governedRealm("credentials-write-back");
        expect(201, api.post("/admin/realms/" + plain + "/clients", secretClient("write-back-bot", "standard", null)));
        assertEquals(200, token(plain, "write-back-bot", "s3cret-write-back-bot").statusCode());
        ObjectNode replaced = (ObjectNode) api.client(plain, "write-back-bot");
        replaced.put("secret", "replacement-s3cret");
        expect(204, api.put("/admin/realms/" + plain + "/clients/" + replaced.get("id").asText(), replaced));
        ObjectNode writtenBack = secretClient("write-back-bot", "standard", null);
        writtenBack.put("secret", "replacement-s3cret");
        ((ObjectNode) writtenBack.get("attributes")).put("client.secret.rotated", "s3cret-write-back-bot")
                .put("client.secret.rotated.creation.time", String.valueOf(Instant.now().getEpochSecond()))
                .put("client.secret.rotated.expiration.time", String.valueOf(Instant.now().plus(3650, ChronoUnit.DAYS).getEpochSecond()));
        expect(200, api.partialImport(plain, "OVERWRITE", writtenBack));
        assertEquals(200, token(plain, "write-back-bot", "replacement-s3cret").statusCode());
        assertOAuthError(token(plain, "write-back-bot", "s3cret-write-back-bot"), 400, "invalid_client", "no rotation of this realm left there");
        assertEquals(List.of("STATIC_SECRET", "UNTRUSTED_SECRET"), findingsOf(api.inventoryEntry(plain, "write-back-bot"), "SECRET"));
    }

    /** Keycloak baseline: its rotation takes a previous secret nobody rotated, from the client's attributes. */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineAPreviousSecretSetByHandWorks() {
        String realm = rotatingRealm("credentials-shadow-baseline", false);
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("shadowed-bot", "standard", null)));
        ObjectNode planted = (ObjectNode) api.client(realm, "shadowed-bot");
        ((ObjectNode) planted.get("attributes")).put("client.secret.rotated", "planted-s3cret")
                .put("client.secret.rotated.creation.time", String.valueOf(Instant.now().getEpochSecond()))
                .put("client.secret.rotated.expiration.time", String.valueOf(Instant.now().plus(300, ChronoUnit.DAYS).getEpochSecond()));
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + planted.get("id").asText(), planted));
        assertEquals(200, token(realm, "shadowed-bot", "planted-s3cret").statusCode());
    }

    /** A secret is dated by its value: swapped away and back, or imported over its client, it keeps its first date. */
    @Test
    void aSecretThatComesBackKeepsItsFirstDate() {
        String realm = governedRealm("credentials-swap");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("swap-bot", "standard", 100)));
        assertOAuthError(token(realm, "swap-bot", "s3cret-swap-bot"), 400, "invalid_client", "client secret: expired on");
        String now = String.valueOf(Instant.now().getEpochSecond());
        ObjectNode swapped = (ObjectNode) api.client(realm, "swap-bot");
        swapped.put("secret", "interim-s3cret");
        ((ObjectNode) swapped.get("attributes")).put("client.secret.creation.time", now);
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + swapped.get("id").asText(), swapped));
        assertEquals(200, token(realm, "swap-bot", "interim-s3cret").statusCode());
        swapped.put("secret", "s3cret-swap-bot");
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + swapped.get("id").asText(), swapped));
        assertOAuthError(token(realm, "swap-bot", "s3cret-swap-bot"), 400, "invalid_client", "client secret: expired on"); // swapped back with a fresh creation time, the old secret is as old as ever

        ObjectNode overwritten = secretClient("swap-bot", "standard", null);
        ((ObjectNode) overwritten.get("attributes")).put("client.secret.creation.time", now);
        expect(200, api.partialImport(realm, "OVERWRITE", overwritten));
        assertOAuthError(token(realm, "swap-bot", "s3cret-swap-bot"), 400, "invalid_client", "client secret: expired on"); // imported over its old self, the client does not bring the old secret back as new

        ObjectNode renamed = (ObjectNode) api.client(realm, "swap-bot");
        renamed.put("clientId", "renamed-bot");
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + renamed.get("id").asText(), renamed));
        assertOAuthError(token(realm, "renamed-bot", "s3cret-swap-bot"), 400, "invalid_client", "client secret: expired on"); // renamed, the client keeps its history

        ObjectNode copied = secretClient("copy-bot", "standard", null);
        copied.put("secret", "s3cret-swap-bot");
        expect(201, api.post("/admin/realms/" + realm + "/clients", copied));
        assertOAuthError(token(realm, "copy-bot", "s3cret-swap-bot"), 400, "invalid_client", "client secret: expired on"); // a value is as old as its first use in the realm, whichever client holds it

        ObjectNode masked = secretClient("masked-bot", "standard", null);
        masked.put("secret", "**********");
        expect(200, api.partialImport(realm, "FAIL", masked));
        assertOAuthError(token(realm, "masked-bot", "**********"), 400, "invalid_client", "the mask a partial export writes");
        assertEquals(List.of("STATIC_SECRET", "UNTRUSTED_SECRET"), findingsOf(api.inventoryEntry(realm, "masked-bot"), "SECRET"));
    }

    @Test
    void aSecretFreeTierTakesNoNewSecretButSparesTheSecretsHeldBefore() {
        String realm = governedRealm("credentials-tiers");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("legacy-bot", "critical", null)));
        expect(200, api.put(policyPath(realm), Map.of("secretFreeTiers", List.of("critical"))));
        assertEquals(200, token(realm, "legacy-bot", "s3cret-legacy-bot").statusCode(), "a secret held before works until it expires");

        HttpResponse<String> created = api.post("/admin/realms/" + realm + "/clients", secretClient("new-bot", "critical", null));
        assertSaveRefused(created, "clientAuthenticatorType");
        assertTrue(created.body().contains("at tier critical takes no new shared secret"), created.body());
        assertFalse(api.clientExists(realm, "new-bot"));
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("standard-bot", "standard", null)));

        TestPki.Issued key = server.pki().issue("CN=keyed-bot,O=NHI Guard IT", false, Duration.ofDays(10));
        ObjectNode keyed = secretClient("keyed-bot", "critical", null);
        keyed.put("clientAuthenticatorType", "client-jwt").remove("secret");
        ((ObjectNode) keyed.get("attributes")).put("jwt.credential.certificate",
                key.certificateBase64());
        expect(201, api.post("/admin/realms/" + realm + "/clients", keyed));
        ObjectNode toSecret = (ObjectNode) api.client(realm, "keyed-bot");
        toSecret.put("clientAuthenticatorType", "client-secret");
        assertSaveRefused(api.put("/admin/realms/" + realm + "/clients/" + toSecret.get("id").asText(), toSecret), "clientAuthenticatorType");

        // dynamic registration with an initial access token is a save like the admin API's
        String initialToken = parse(expect(201, api.post("/admin/realms/" + realm + "/clients-initial-access", Map.of("count", 1, "expiration", 600)))
                .body()).get("token").asText();
        HttpResponse<String> registered = api.sendJson("POST", "/realms/" + realm + "/clients-registrations/default",
                secretClient("registered-bot", "critical", null), initialToken);
        assertEquals(400, registered.statusCode(), registered.body());
        assertTrue(registered.body().contains("at tier critical takes no new shared secret"), registered.body());
        assertFalse(api.clientExists(realm, "registered-bot"));

        String legacy = api.clientUuid(realm, "legacy-bot");
        HttpResponse<String> regenerate = api.post("/admin/realms/" + realm + "/clients/" + legacy + "/client-secret", Map.of());
        assertEquals(400, regenerate.statusCode(), regenerate.body());
        assertTrue(regenerate.body().contains("takes no new shared secret"), regenerate.body());
        assertEquals(200, token(realm, "legacy-bot", "s3cret-legacy-bot").statusCode(), "the refused rotation changed nothing");

        // partial import is a door no client policy sees: the secret is met then, after the tier became secret-free,
        // whatever creation time it carries (anyone who writes the client writes that attribute)
        expect(200, api.partialImport(realm, "FAIL", secretClient("smuggled-bot", "critical", 30)));
        assertOAuthError(token(realm, "smuggled-bot", "s3cret-smuggled-bot"), 400, "invalid_client",
                "after tier critical took no new shared secrets in this realm");
        expect(200, api.put(policyPath(realm), Map.of("secretFreeTiers", List.of("critical", "high"))));
        assertOAuthError(token(realm, "smuggled-bot", "s3cret-smuggled-bot"), 400, "invalid_client",
                "after tier critical took no new shared secrets in this realm"); // adding a tier leaves the others' moments alone
        expect(200, api.partialImport(realm, "FAIL", secretClient("look-alike-bot", "hіgh", null))); // a Cyrillic i
        assertOAuthError(token(realm, "look-alike-bot", "s3cret-look-alike-bot"), 400, "invalid_client", "took no new shared secrets");
        ObjectNode overLegacy = secretClient("legacy-bot", "critical", 30);
        overLegacy.put("secret", "backdated-s3cret");
        expect(200, api.partialImport(realm, "OVERWRITE", overLegacy));
        assertOAuthError(token(realm, "legacy-bot", "backdated-s3cret"), 400, "invalid_client",
                "after tier critical took no new shared secrets in this realm");
    }

    @Test
    void inReportOnlyTheSaveGoesThrough() {
        String realm = api.createRealm("credentials-report");
        api.enableExecutor(realm, "nhi-credential-policy", Map.of("mode", "report-only"), "any-client", Map.of());
        expect(200, api.put(policyPath(realm), Map.of("secretFreeTiers", List.of("critical"))));
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("new-bot", "critical", null)));
        assertEquals(200, token(realm, "new-bot", "s3cret-new-bot").statusCode());
    }

    @Test
    void theInventoryDatesEverySecretAndNamesTheRetiredCodes() {
        String realm = api.createRealm("credentials-inventory");
        Instant before = Instant.now().minusSeconds(1);
        expect(200, api.partialImport(realm, "FAIL", secretClient("explicit-bot", "standard", null)));
        JsonNode first = api.inventoryEntry(realm, "explicit-bot");
        Instant after = Instant.now().plusSeconds(1);
        assertEquals("first-seen", first.get("secretCreatedFrom").asText());
        Instant seen = Instant.parse(first.get("secretCreated").asText());
        assertTrue(!seen.isBefore(before) && !seen.isAfter(after), "dated when the pack first saw it: " + seen);
        assertEquals(seen.plus(90, ChronoUnit.DAYS).toString(), first.get("secretExpires").asText());
        assertEquals(first.get("secretCreated"), api.inventoryEntry(realm, "explicit-bot").get("secretCreated"), "and it keeps that date");

        ObjectNode replaced = (ObjectNode) api.client(realm, "explicit-bot");
        replaced.put("secret", "another-s3cret");
        expect(204, api.put("/admin/realms/" + realm + "/clients/" + replaced.get("id").asText(), replaced));
        JsonNode again = api.inventoryEntry(realm, "explicit-bot");
        assertTrue(Instant.parse(again.get("secretCreated").asText()).isAfter(seen), "a new secret put by hand is dated anew: " + again);

        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("expiring-bot", "standard", 80)));
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("expired-bot", "standard", 200)));
        assertEquals(List.of("STATIC_SECRET", "SECRET_EXPIRING"), findingsOf(api.inventoryEntry(realm, "expiring-bot"), "SECRET"));
        assertEquals(List.of("STATIC_SECRET", "SECRET_EXPIRED"), findingsOf(api.inventoryEntry(realm, "expired-bot"), "SECRET"));
        assertEquals("keycloak", api.inventoryEntry(realm, "expired-bot").get("secretCreatedFrom").asText());

        JsonNode expired = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/inventory?finding=SECRET_EXPIRED")).body());
        assertEquals(1, expired.size());
        assertEquals("expired-bot", expired.get(0).get("clientId").asText());
        assertAdminError(api.get("/admin/realms/" + realm + "/nhi-guard/inventory?finding=SECRET_AUTH"), 400,
                "finding 'SECRET_AUTH' was retired; ask for STATIC_SECRET instead");
        assertAdminError(api.get("/admin/realms/" + realm + "/nhi-guard/inventory?finding=old_secret"), 400,
                "ask for SECRET_EXPIRING, SECRET_EXPIRED instead");
    }

    private static List<String> findingsOf(JsonNode entry, String prefix) {
        List<String> found = new java.util.ArrayList<>();
        entry.get("findings").forEach(f -> {
            if (f.asText().contains(prefix)) {
                found.add(f.asText());
            }
        });
        return found;
    }

    @Test
    void theSummaryCountsCredentialsSenderConstraintsFindingsAndTiers() {
        String realm = api.createRealm("credentials-summary");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("a-bot", "standard", null)));
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("b-bot", "high", 200)));
        ObjectNode keyed = secretClient("c-bot", "critical", null);
        keyed.put("clientAuthenticatorType", "client-jwt").remove("secret");
        ((ObjectNode) keyed.get("attributes")).put("dpop.bound.access.tokens", "true");
        expect(201, api.post("/admin/realms/" + realm + "/clients", keyed));

        JsonNode summary = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/inventory/summary")).body());
        assertEquals(realm, summary.get("realm").asText());
        assertEquals(3, summary.get("clients").asInt());
        assertEquals("{\"client_secret\":2,\"private_key_jwt\":1}", summary.get("credentialTypes").toString());
        assertEquals("{\"dpop\":1,\"none\":2}", summary.get("senderConstraints").toString());
        assertEquals(2, summary.get("findings").get("STATIC_SECRET").asInt());
        assertEquals(1, summary.get("findings").get("SECRET_EXPIRED").asInt());
        assertEquals(0, summary.get("findings").get("SECRET_EXPIRING").asInt(), "every finding is present, zero when none");
        JsonNode critical = summary.get("tiers").get("critical");
        assertEquals(1, critical.get("clients").asInt());
        assertEquals("{\"private_key_jwt\":1}", critical.get("credentialTypes").toString());
        assertEquals(1, summary.get("tiers").get("high").get("findings").get("SECRET_EXPIRED").asInt());
        assertEquals(0, summary.get("tiers").get("standard").get("findings").get("SECRET_EXPIRED").asInt());
    }

    /** Keycloak baseline: without the pack's policy an old secret works; its own rotation's expiry is what it refuses. */
    @Test
    @Tag("keycloak-baseline")
    void keycloakBaselineAnOldSecretWorksWhereNoPolicyApplies() {
        String realm = api.createRealm("credentials-baseline");
        expect(201, api.post("/admin/realms/" + realm + "/clients", secretClient("old-bot", "standard", 400)));
        assertEquals(200, token(realm, "old-bot", "s3cret-old-bot").statusCode());
        assertEquals("SECRET_EXPIRED", findingsOf(api.inventoryEntry(realm, "old-bot"), "EXPIRED").get(0),
                "the inventory says so whether a policy enforces it or not");
    }
}
