package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Browser;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.nio.file.Path;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console with theme nhi-guard, in headless Chromium: an owner (no admin role) logs in, sees only their own
 * service accounts and attests one, and the review is there in the API; an admin sees every service account and the
 * Governance tab of a client. Screenshots: target/screenshots/.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private AdminApi api;
    private KeycloakServer server;
    private GovernedRealm realm;
    private String aliceBot;

    @BeforeAll
    void realmWithTheGovernanceConsole(AdminApi api, KeycloakServer server) {
        this.api = api;
        this.server = server;
        realm = GovernedRealm.create(api, "console").withRealmSettings(Map.of("adminTheme", "nhi-guard"));
        api.createUser(realm.name(), "bob", true, GovernedRealm.PASSWORD);
        api.grantRealmManagementRole(realm.name(), api.createUser(realm.name(), "boss", true, GovernedRealm.PASSWORD), "realm-admin");
        client("alice-bot", "alice", today().minusDays(2).toString(), "Exports <b>ledger</b> nightly");
        client("alice-reporter", "alice", today().plusDays(60).toString(), "Monthly KPI report");
        client("bob-bot", "bob", today().plusDays(5).toString(), "Bob's batch");
        aliceBot = api.clientUuid(realm.name(), "alice-bot");
    }

    private void client(String clientId, String owner, String reviewBy, String purpose) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", owner).put("nhi.review-by", reviewBy).put("nhi.purpose", purpose);
        expect(200, api.partialImport(realm.name(), "FAIL", client));
    }

    private String console() {
        return server.baseUri() + "/admin/" + realm.name() + "/console/";
    }

    @Test
    void anOwnerSeesOnlyTheirIdentitiesAndAttestsOne() {
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console());
            browser.logIn("alice", GovernedRealm.PASSWORD);
            browser.visible(By.cssSelector("[data-testid=nhi-row-alice-bot]"));
            browser.visible(By.cssSelector("[data-testid=nhi-row-alice-reporter]"));
            assertTrue(browser.all(By.cssSelector("[data-testid=nhi-row-bob-bot]")).isEmpty(), "bob's service account is not alice's business");
            assertTrue(browser.pageText().contains("Exports <b>ledger</b> nightly"), "markup in a purpose is shown as text");
            browser.screenshot("owner-review-queue");

            browser.click(By.cssSelector("[data-testid=nhi-attest-alice-bot]"));
            browser.visible(By.cssSelector("[data-testid=nhi-review-comment]")).sendKeys("still exports the ledger");
            browser.screenshot("owner-attest-dialog");
            browser.click(By.cssSelector("[data-testid=nhi-review-confirm]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-reviews]"), "Review of alice-bot saved.");
            browser.screenshot("owner-attested");

            browser.click(By.cssSelector("[data-testid=nhi-details-alice-bot]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-review-history]"), "still exports the ledger");
            String panel = browser.visible(By.cssSelector("[data-testid=nhi-governance]")).getText();
            assertTrue(panel.contains("Exports <b>ledger</b> nightly"), "the owner's own Governance panel, markup as text: " + panel);
            assertTrue(panel.contains("alice@" + realm.name()), "the reviewer in the history: " + panel);
            browser.screenshot("owner-governance-details");
        }
        JsonNode history = new ReviewApi(api, realm.name()).historyOf(aliceBot);
        assertEquals(1, history.size());
        assertEquals("attest", history.get(0).get("decision").asText());
        assertEquals("alice@" + realm.name(), history.get(0).get("reviewer").asText());
        assertEquals("still exports the ledger", history.get(0).get("comment").asText());
        assertEquals(today().plusDays(90).toString(), api.client(realm.name(), "alice-bot").get("attributes").get("nhi.review-by").asText());
    }

    @Test
    void anAdminSeesEveryIdentityAndTheGovernanceTabOfAClient() {
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console() + "#/" + realm.name() + "/nhi-guard-reviews");
            browser.logIn("boss", GovernedRealm.PASSWORD);
            browser.visible(By.cssSelector("[data-testid=nhi-row-bob-bot]"));
            browser.visible(By.cssSelector("[data-testid=nhi-row-alice-bot]"));
            browser.visible(By.cssSelector("[data-testid=nhi-row-alice-reporter]"));
            browser.screenshot("admin-review-queue");

            browser.visible(By.cssSelector("[data-testid=nhi-filter-owner] input")).sendKeys("bob" + Keys.ENTER);
            browser.awaitGone(By.cssSelector("[data-testid=nhi-row-alice-bot]"));
            browser.visible(By.cssSelector("[data-testid=nhi-row-bob-bot]"));
            assertTrue(browser.all(By.cssSelector("[data-testid=nhi-row-alice-reporter]")).isEmpty(), "filtered by owner bob");

            browser.open(console() + "#/" + realm.name() + "/clients/" + api.clientUuid(realm.name(), "bob-bot") + "/governance");
            browser.visible(By.cssSelector("[data-testid=nhi-governance-tab]"));
            browser.visible(By.cssSelector("[data-testid=nhi-governance]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-governance]"), "Bob's batch");
            String panel = browser.visible(By.cssSelector("[data-testid=nhi-governance]")).getText();
            assertTrue(panel.contains("bob"), panel);
            assertTrue(panel.contains("Static secret"), "findings are shown by name: " + panel);
            assertFalse(panel.contains("STATIC_SECRET"), "not as bare codes: " + panel);
            browser.click(By.cssSelector("[data-testid=nhi-governance] [data-testid=nhi-finding-STATIC_SECRET]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-finding-help-STATIC_SECRET]"), "Prefer a key or no secret at all");
            assertTrue(browser.pageText().contains("STATIC_SECRET"), "the stable code is shown with the explanation");
            browser.screenshot("admin-finding-explained");
            assertFalse(browser.all(By.cssSelector("[data-testid=nhi-attest-bob-bot]")).isEmpty(), "an admin may review it");
            browser.screenshot("admin-governance-tab");
        }
    }

    /** Under disable-then-delete a revoke is the start of a deletion: the revoke dialog says so before anyone confirms. */
    @Test
    void theRevokeDialogSaysWhenARevokedIdentityWillBeDeleted() {
        expect(200, api.put(realm.path("/nhi-guard/settings"), Map.of("mode", "disable-then-delete", "deleteAfterDays", 12)));
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console() + "#/" + realm.name() + "/nhi-guard-reviews");
            browser.logIn("boss", GovernedRealm.PASSWORD);
            browser.click(By.cssSelector("[data-testid=nhi-revoke-alice-reporter]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-revoke-deletes]"), "after 12 days");
            browser.screenshot("admin-revoke-warns-of-deletion");
        } finally {
            expect(200, api.put(realm.path("/nhi-guard/settings"), Map.of("mode", "report")));
        }
    }

    /** Before enforcing: the readiness panel lists who a report-only policy would refuse. */
    @Test
    void anAdminSeesEachPolicysBlastRadiusInTheReadinessPanel() {
        GovernedRealm.putPolicies(api, realm.name(), Map.of("nhi-owner-required", Map.of("mode", "report-only", "max-review-days", 30)));
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console() + "#/" + realm.name() + "/nhi-guard-reviews");
            browser.logIn("boss", GovernedRealm.PASSWORD);
            browser.click(By.cssSelector("[data-testid=nhi-nav-readiness]"));
            By row = By.cssSelector("[data-testid=nhi-readiness-nhi-owner-required]");
            browser.awaitText(row, "report-only");
            // alice-reporter's review date lies 60 days ahead, beyond the policy's 30: refused at a save
            browser.click(By.cssSelector("[data-testid=nhi-readiness-nhi-owner-required] button"));
            browser.awaitText(row, "alice-reporter");
            browser.screenshot("admin-readiness");
        } finally {
            GovernedRealm.putPolicies(api, realm.name(), Map.of());
        }
    }

    /** The first step in a living realm: one button adds the recommended policies in report-only, beside the realm's own. */
    @Test
    void anAdminOnboardsARealmFromTheReadinessPageAndItsOwnPolicyStays() {
        GovernedRealm fresh = GovernedRealm.create(api, "console-onboard").withRealmSettings(Map.of("adminTheme", "nhi-guard"));
        api.grantRealmManagementRole(fresh.name(), api.createUser(fresh.name(), "boss", true, GovernedRealm.PASSWORD), "realm-admin");
        ObjectNode ownProfiles = AdminApi.JSON.createObjectNode();
        ownProfiles.putArray("profiles").addObject().put("name", "own-confidential")
                .putArray("executors").addObject().put("executor", "confidential-client").putObject("configuration");
        expect(204, api.put(fresh.path("/client-policies/profiles"), ownProfiles));
        JsonNode own = AdminApi.parse(expect(200, api.get(fresh.path("/client-policies/profiles"))).body()).get("profiles").get(0);
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(server.baseUri() + "/admin/" + fresh.name() + "/console/#/" + fresh.name() + "/nhi-guard-readiness");
            browser.logIn("boss", GovernedRealm.PASSWORD);
            browser.awaitText(By.cssSelector("[data-testid=nhi-readiness-none]"), "No NHI Guard policy governs this realm yet");
            browser.click(By.cssSelector("[data-testid=nhi-onboard]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-onboard-plan]"), "Client policy nhi-machine-identities");
            browser.screenshot("admin-onboard-dialog");
            browser.click(By.cssSelector("[data-testid=nhi-onboard-confirm]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-onboard-done]"), "Added in report-only: nhi-governance");
            browser.awaitText(By.cssSelector("[data-testid=nhi-readiness-nhi-owner-required]"), "report-only");
            assertTrue(browser.all(By.cssSelector("[data-testid=nhi-readiness-none]")).isEmpty());
            browser.screenshot("admin-onboarded");

            browser.click(By.cssSelector("[data-testid=nhi-onboard]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-onboard-nothing]"), "nothing to add");
        }
        JsonNode profiles = AdminApi.parse(expect(200, api.get(fresh.path("/client-policies/profiles"))).body()).get("profiles");
        assertEquals(own, profiles.get(0), "the realm's own profile, as it was");
        assertEquals(5, profiles.size(), profiles.toString());
    }

    /** A shared secret close to its expiry is the owner's to rotate: the Governance tab says when, above all else. */
    @Test
    void theGovernanceTabWarnsOfASecretAboutToExpire() {
        ObjectNode client = GovernedRealm.compliantClient("alice-expiring");
        ((ObjectNode) client.get("attributes")).put("nhi.review-by", today().plusDays(40).toString()).put("nhi.purpose", "Pays invoices")
                .put("client.secret.creation.time", String.valueOf(java.time.Instant.now().minus(java.time.Duration.ofDays(80)).getEpochSecond()));
        expect(200, api.partialImport(realm.name(), "FAIL", client));
        String expires = today().plusDays(10).toString();
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console());
            browser.logIn("alice", GovernedRealm.PASSWORD);
            browser.click(By.cssSelector("[data-testid=nhi-details-alice-expiring]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-secret-alert]"), "Its shared secret expires on " + expires);
            assertTrue(browser.visible(By.cssSelector("[data-testid=nhi-credential]")).getText().contains("client_secret (secret 80 days old, expires "
                    + expires + ")"), browser.visible(By.cssSelector("[data-testid=nhi-credential]")).getText());
            assertTrue(browser.pageText().contains("Secret expiring"), "the finding by name");
            browser.screenshot("owner-secret-expiring");
        }
    }

    /** An anomaly flag is a finding the owner sees and clears, with a comment, from the review queue. */
    @Test
    void anOwnerClearsAnAnomalyFlagWithAComment() {
        client("alice-desk", "alice", today().plusDays(20).toString(), "Desk reports");
        expect(200, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "alice-desk",
                "client_secret", "s3cret-alice-desk", "scope", "payments:read"), "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0"));
        expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
        try (Browser browser = new Browser(SCREENSHOTS)) {
            browser.open(console());
            browser.logIn("alice", GovernedRealm.PASSWORD);
            browser.awaitText(By.cssSelector("[data-testid=nhi-row-alice-desk]"), "Human use");
            browser.click(By.cssSelector("[data-testid=nhi-clear-anomaly-alice-desk]"));
            browser.visible(By.cssSelector("[data-testid=nhi-review-comment]")).sendKeys("I tried the secret in a browser tool; rotated");
            browser.screenshot("owner-clear-anomaly-dialog");
            browser.click(By.cssSelector("[data-testid=nhi-review-confirm]"));
            browser.awaitText(By.cssSelector("[data-testid=nhi-reviews]"), "Review of alice-desk saved.");
            browser.awaitGone(By.cssSelector("[data-testid=nhi-clear-anomaly-alice-desk]"));
        }
        assertFalse(api.inventoryEntry(realm.name(), "alice-desk").get("findings").toString().contains("HUMAN_USE"));
    }
}
