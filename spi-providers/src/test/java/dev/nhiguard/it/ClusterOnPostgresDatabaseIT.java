package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Database;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.Poll;
import dev.nhiguard.testsupport.RealmsScript;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static dev.nhiguard.testsupport.Refusal.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Keycloak nodes on this machine, one PostgreSQL, Keycloak's default cluster discovery (JDBC_PING through that
 * database) and transport ports of their own: usage written by both merges, a review and a setting made on one node
 * govern the other at once, a realm detached through one node is ungoverned on the other, a realm's scheduled sweep
 * runs once across both, and a node killed in the middle of a sweep leaves the other to finish it, with one record per
 * client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnPostgresDatabaseIT {

    private static final int STALE_CLIENTS = 300;

    private KeycloakServer one;
    private KeycloakServer two;
    private AdminApi apiOne;
    private AdminApi apiTwo;

    private static List<String> nodeOptions(int transportPort) {
        List<String> options = new ArrayList<>(Database.POSTGRES.keycloakOptions());
        options.addAll(List.of("--cache=ispn", "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + transportPort,
                // each node checks every second which realms are due; the sweep interval decides how often one runs
                "--spi-events-listener--nhi-expiry--sweep-check-interval=1",
                "--spi-events-listener--nhi-usage--flush-interval=1"));
        return options;
    }

    @BeforeAll
    void startTwoNodes() {
        Database.POSTGRES.reset();
        one = KeycloakServer.start(KeycloakServer.Options.clusterNode("one", nodeOptions(7810), true));
        two = KeycloakServer.start(KeycloakServer.Options.clusterNode("two", nodeOptions(7811), true));
        apiOne = new AdminApi(one.baseUri());
        apiTwo = new AdminApi(two.baseUri());
        Poll.until("both nodes are in one cluster view", Duration.ofSeconds(120), () -> clusterOfTwo(one) && clusterOfTwo(two)
                ? Optional.of(true) : Optional.empty());
    }

    /** Infinispan's own line when a node sees the cluster's members change: "ISPN000094: Received new cluster view ... (2)". */
    private static boolean clusterOfTwo(KeycloakServer node) {
        return logHolds(node, "ISPN000094", "(2)");
    }

    private static boolean logHolds(KeycloakServer node, String first, String second) {
        try {
            return Files.readAllLines(node.logFile()).stream().anyMatch(line -> line.contains(first) && line.contains(second));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @AfterAll
    void stopBoth() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    @Order(1)
    void usageFromBothNodesMergesWithinTheFlushInterval() {
        GovernedRealm realm = GovernedRealm.create(apiOne, "cluster-usage");
        expect(201, apiOne.post(realm.path("/clients"), GovernedRealm.compliantClient("both-bot")));
        for (int i = 0; i < 2; i++) {
            expect(200, apiOne.clientCredentials(realm.name(), "both-bot", "s3cret-both-bot", "payments:read"));
        }
        for (int i = 0; i < 3; i++) {
            expect(200, apiTwo.clientCredentials(realm.name(), "both-bot", "s3cret-both-bot", "payments:read"));
        }
        Instant last = Instant.now();
        // no flush by hand: each node writes its own rows every second, readers on either node add them up
        JsonNode merged = Poll.until("node one counts the requests both nodes served", Duration.ofSeconds(30), () -> {
            JsonNode entry = apiOne.inventoryEntry(realm.name(), "both-bot");
            return entry.get("requests30d").asInt() == 5 ? Optional.of(entry) : Optional.empty();
        });
        Duration delay = Duration.between(last, Instant.now());
        assertEquals(5, apiTwo.inventoryEntry(realm.name(), "both-bot").get("requests30d").asInt(), "node two reads the same");
        System.out.printf(Locale.ROOT, "cluster: usage of both nodes merged %d ms after the last request (flush-interval 1 s): %s%n",
                delay.toMillis(), merged.get("lastUsed"));
    }

    @Test
    @Order(2)
    void aReviewAndASettingMadeOnOneNodeGovernTheOtherAtOnce() {
        GovernedRealm realm = GovernedRealm.create(apiOne, "cluster-review").withPolicies(Map.of("nhi-owner-required", Map.of()));
        expect(201, apiOne.post(realm.path("/clients"), GovernedRealm.compliantClient("handed-bot")));
        expect(200, apiTwo.clientCredentials(realm.name(), "handed-bot", "s3cret-handed-bot", "payments:read")); // node two holds it
        apiOne.createUser(realm.name(), "heir", true, GovernedRealm.PASSWORD);
        String uuid = apiOne.clientUuid(realm.name(), "handed-bot");
        ReviewApi reviewsOne = new ReviewApi(apiOne, realm.name());
        String alice = reviewsOne.tokenOf("alice", GovernedRealm.PASSWORD);
        expect(201, reviewsOne.review(alice, uuid, Map.of("decision", "reassign", "newOwner", "heir")));

        assertEquals("heir", apiTwo.client(realm.name(), "handed-bot").get("attributes").get("nhi.owner").asText(),
                "node two's client cache was told at once");
        assertEquals("reassign", new ReviewApi(apiTwo, realm.name()).historyOf(uuid).get(0).get("decision").asText());
        // the old owner no longer reviews it, on either node
        assertEquals(404, new ReviewApi(apiTwo, realm.name()).review(new ReviewApi(apiTwo, realm.name()).tokenOf("alice", GovernedRealm.PASSWORD),
                uuid, Map.of("decision", "attest")).statusCode());

        new LifecycleApi(apiOne).putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        assertEquals("disable", new LifecycleApi(apiTwo).settings(realm.name()).get("mode").asText(), "node two reads node one's setting");
    }

    /** The rolling restart's first and last step: detached through one node, the other answers as Keycloak alone at once. */
    @Test
    @Order(3)
    void aRealmDetachedThroughOneNodeIsUngovernedOnTheOtherAndAttachedThroughItGovernedOnBoth() {
        GovernedRealm realm = GovernedRealm.create(apiOne, "cluster-detach");
        expect(201, apiOne.post(realm.path("/clients"), AdminApi.serviceAccountClient("loose-bot", Map.of())));
        realm.withPolicies(Map.of("nhi-owner-required", Map.of()));
        assertOAuthError(apiTwo.clientCredentials(realm.name(), "loose-bot", "s3cret-loose-bot"), 400, "unauthorized_client", "NO_OWNER");

        RealmsScript.Outcome detached = RealmsScript.run(one.baseUri(), "detach", "--realm", realm.name());
        assertEquals(0, detached.exitCode(), detached.output());
        expect(200, apiTwo.clientCredentials(realm.name(), "loose-bot", "s3cret-loose-bot"));
        String profiles = expect(200, apiTwo.get(realm.path("/client-policies/profiles"))).body();
        assertFalse(profiles.contains("\"executor\":\"nhi-"), "node two reads the detached profiles: " + profiles);

        RealmsScript.Outcome attached = RealmsScript.run(two.baseUri(), "attach", "--realm", realm.name());
        assertEquals(0, attached.exitCode(), attached.output());
        assertOAuthError(apiOne.clientCredentials(realm.name(), "loose-bot", "s3cret-loose-bot"), 400, "unauthorized_client", "NO_OWNER");
        assertOAuthError(apiTwo.clientCredentials(realm.name(), "loose-bot", "s3cret-loose-bot"), 400, "unauthorized_client", "NO_OWNER");
    }

    @Test
    @Order(4)
    void aDueRealmIsSweptOnceAcrossBothNodes() throws Exception {
        String realm = staleRealm("cluster-once", 40);
        Instant due = Instant.now();
        makeDue(realm);
        // both schedulers look every second; one takes the realm, the other finds it taken, then no longer due
        JsonNode swept = Poll.until("a node has run the due sweep", Duration.ofSeconds(60), () -> {
            JsonNode status = parse(expect(200, apiTwo.get("/admin/realms/" + realm + "/nhi-guard/sweep")).body());
            return Instant.parse(status.get("lastRun").asText()).isAfter(due) ? Optional.of(status) : Optional.empty();
        });
        Set<String> retired = new HashSet<>();
        JsonNode audit = new LifecycleApi(apiOne).audit(realm);
        audit.forEach(record -> {
            assertTrue(retired.add(record.get("clientId").asText()), "no client is recorded twice: " + record);
            assertEquals("nhi-guard:sweep", record.get("actor").asText());
        });
        assertEquals(40, retired.size(), "one set of records for one run: " + swept);
        assertEquals(List.of(), LifecycleApi.actions(new LifecycleApi(apiTwo).dryRun(realm)), "nothing is left for a second run");
        System.out.printf(Locale.ROOT, "cluster: a due realm of 40 clients swept once, %d ms after it became due%n",
                Duration.between(due, Instant.parse(swept.get("lastRun").asText())).toMillis());
    }

    /** A realm in disable mode whose schedulers have swept it while it was empty, then filled with overdue clients. */
    private String staleRealm(String prefix, int clients) {
        String realm = apiOne.createRealm(prefix);
        new LifecycleApi(apiOne).putSettings(realm, Map.of("mode", "disable", "reviewGraceDays", 0, "sweepIntervalHours", 24));
        Poll.until("the schedulers have swept the new, empty realm once", Duration.ofSeconds(60), () ->
                parse(expect(200, apiTwo.get("/admin/realms/" + realm + "/nhi-guard/sweep")).body()).path("lastRun").isTextual()
                        ? Optional.of(true) : Optional.empty());
        String yesterday = today().minusDays(1).toString();
        for (int first = 0; first < clients; first += 100) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = first; i < Math.min(first + 100, clients); i++) {
                batch.add(AdminApi.serviceAccountClient(String.format("stale-%03d", i), Map.of("nhi.owner", "", "nhi.review-by", yesterday)));
            }
            expect(200, apiOne.partialImport(realm, "FAIL", batch.toArray(new ObjectNode[0])));
        }
        return realm;
    }

    /** The realm's next scheduled run is due now (its last run moved back a day). */
    private void makeDue(String realm) throws java.sql.SQLException {
        try (Connection c = Database.POSTGRES.connect().orElseThrow();
             PreparedStatement due = c.prepareStatement("UPDATE NHI_SWEEP_RUN SET LAST_RUN = LAST_RUN - ? WHERE REALM_ID = ?")) {
            due.setLong(1, Duration.ofDays(1).toMillis());
            due.setString(2, parse(expect(200, apiTwo.get("/admin/realms/" + realm)).body()).get("id").asText());
            assertEquals(1, due.executeUpdate());
        }
    }

    @Test
    @Order(5)
    void aNodeKilledInTheMiddleOfASweepLeavesTheOtherToFinishItWithOneRecordPerClient() throws Exception {
        String realm = staleRealm("cluster-sweep", STALE_CLIENTS);
        Instant started = Instant.now();
        CompletableFuture<HttpResponse<String>> running = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        apiOne.base().resolve("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=false"))
                .header("Authorization", "Bearer " + apiOne.adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode begun = Poll.until("node one has retired its first clients", Duration.ofSeconds(60), () -> {
            JsonNode audit = new LifecycleApi(apiTwo).audit(realm);
            return audit.size() > 0 ? Optional.of(audit) : Optional.empty();
        });
        makeDue(realm); // the next scheduled run is due now: the node that is left must finish what node one began
        one.kill();
        Instant killed = Instant.now();
        assertTrue(running.handle((response, failure) -> failure != null || response.statusCode() != 200).join(),
                "node one's sweep did not finish before it was killed: " + begun.size() + " records then");
        JsonNode swept = Poll.until("node two has finished the sweep", Duration.ofSeconds(240), () -> {
            JsonNode status = parse(expect(200, apiTwo.get("/admin/realms/" + realm + "/nhi-guard/sweep")).body());
            return Instant.parse(status.get("lastRun").asText()).isAfter(started) ? Optional.of(status) : Optional.empty();
        });
        Duration takeover = Duration.between(killed, Instant.now());
        JsonNode clients = parse(expect(200, apiTwo.get("/admin/realms/" + realm + "/clients?max=1000&search=true&clientId=stale-")).body());
        assertEquals(STALE_CLIENTS, clients.size());
        List<String> stillEnabled = new ArrayList<>();
        clients.forEach(client -> {
            if (client.get("enabled").asBoolean()) {
                stillEnabled.add(client.get("clientId").asText());
            }
        });
        assertEquals(List.of(), stillEnabled, "every client is disabled after " + swept);
        Set<String> retired = new HashSet<>();
        Set<String> actors = new HashSet<>();
        new LifecycleApi(apiTwo).audit(realm).forEach(record -> {
            assertTrue(retired.add(record.get("clientId").asText()), "no client is recorded twice: " + record);
            actors.add(record.get("actor").asText());
        });
        assertEquals(STALE_CLIENTS, retired.size(), "one record per client");
        assertEquals(Set.of("admin@master", "nhi-guard:sweep"), actors, "begun by the admin on node one, finished by node two's scheduler");
        System.out.printf(Locale.ROOT, "cluster: node one killed after %d of %d clients; node two finished the sweep %d ms later (%d ms in all)%n",
                begun.size(), STALE_CLIENTS, takeover.toMillis(), Duration.between(started, Instant.now()).toMillis());
    }
}
