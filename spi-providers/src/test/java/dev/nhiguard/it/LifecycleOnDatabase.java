package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Database;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.Poll;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.actions;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack's tables on a real database: usage recorded and merged across nodes, a sweep that disables and later
 * deletes, and a sweep stopped half-way by a killed server that the scheduler finishes after the restart. Each
 * database's test class starts Keycloak on it (one server at a time) and stops it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LifecycleOnDatabase {

    /** Enough clients that a sweep takes a while to get through them. */
    private static final int STALE_CLIENTS = 400;
    private static final String NO_SCHEDULE = "--spi-events-listener--nhi-expiry--sweep-check-interval=86400";

    private KeycloakServer server;
    private AdminApi api;
    private LifecycleApi lifecycle;

    abstract Database database();

    @BeforeAll
    void startOnEmptyDatabase() {
        database().reset();
        server = start("1", NO_SCHEDULE, true);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private KeycloakServer start(String run, String scheduleOption, boolean freshData) {
        List<String> options = new ArrayList<>(database().keycloakOptions());
        options.add(scheduleOption);
        KeycloakServer started = KeycloakServer.start(KeycloakServer.Options.of(
                database().name().toLowerCase() + "-" + run, options, freshData));
        api = new AdminApi(started.baseUri());
        lifecycle = new LifecycleApi(api);
        return started;
    }

    /** The pack's queries on Keycloak's own tables, each in every form, ran at start-up on this database. */
    @Test
    @Order(0)
    void everyQueryOnKeycloaksTablesRunsOnThisDatabase() {
        assertEquals(dev.nhiguard.testsupport.KeycloakQueries.allRan(), dev.nhiguard.testsupport.KeycloakQueries.reported(api));
    }

    /**
     * The inventory reads a page as a range of clientIds in the database's collation, which need not order them as
     * Java does (case, punctuation): walked two at a time, the pages still hold every client once, in Java's order,
     * each with its own facts.
     */
    @Test
    @Order(0)
    void inventoryPagesHoldEveryClientOnceWhateverTheDatabasesCollation() {
        GovernedRealm realm = GovernedRealm.create(api, "db-collation");
        List<String> clientIds = new ArrayList<>(List.of("bota", "Bot-b", "bot-a", "BOT_C", "bot.d", "Bot-B2", "bot-\u00e9t\u00e9", "bot b"));
        for (String clientId : clientIds) {
            ObjectNode client = GovernedRealm.compliantClient(clientId);
            ((ObjectNode) client.get("attributes")).put("nhi.purpose", "purpose of " + clientId);
            expect(201, api.post(realm.path("/clients"), client));
        }
        clientIds.sort(null);
        List<String> walked = new ArrayList<>();
        for (int first = 0; first < clientIds.size() + 2; first += 2) {
            for (JsonNode entry : parse(expect(200, api.get(realm.path("/nhi-guard/inventory?first=" + first + "&max=2"))).body())) {
                walked.add(entry.get("clientId").asText());
                assertEquals("purpose of " + entry.get("clientId").asText(), entry.get("purpose").asText(), entry.toString());
            }
        }
        assertEquals(clientIds, walked);
        List<String> exported = new ArrayList<>();
        parse(expect(200, api.get(realm.path("/nhi-guard/inventory/export"))).body()).forEach(e -> exported.add(e.get("clientId").asText()));
        assertEquals(clientIds, exported);
    }

    @Test
    @Order(1)
    void usageIsRecordedAndReadersMergeWhatEveryNodeWrote() throws Exception {
        GovernedRealm realm = GovernedRealm.create(api, "db-usage");
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("usage-bot")));
        expect(200, api.clientCredentials(realm.name(), "usage-bot", "s3cret-usage-bot", "payments:read"));
        expect(200, api.clientCredentials(realm.name(), "usage-bot", "s3cret-usage-bot", "payments:read"));
        api.flushUsage(realm.name());

        JsonNode entry = realm.inventoryEntry("usage-bot");
        assertEquals(2, entry.get("requests30d").asInt(), entry.toString());
        assertEquals("127.0.0.1", entry.get("lastAddress").asText());

        Optional<Connection> jdbc = database().connect();
        if (jdbc.isEmpty()) {
            return; // H2: Keycloak holds the database file; the merge is the same query on every database
        }
        try (Connection c = jdbc.get()) {
            String realmId = parse(expect(200, api.get(realm.path(""))).body()).get("id").asText();
            String clientUuid = api.clientUuid(realm.name(), "usage-bot");
            long later = Instant.now().toEpochMilli();
            // what a second node writes for the same client: a later success from elsewhere, five of today's requests
            try (PreparedStatement usage = c.prepareStatement("INSERT INTO NHI_USAGE (ID, REALM_ID, CLIENT_ID, NODE, LAST_SUCCESS, "
                    + "LAST_ADDRESS, LAST_GRANT) VALUES (?, ?, ?, 'second-node', ?, '10.20.30.40', 'client_credentials')")) {
                usage.setString(1, clientUuid + "|second-node");
                usage.setString(2, realmId);
                usage.setString(3, clientUuid);
                usage.setLong(4, later);
                assertEquals(1, usage.executeUpdate());
            }
            try (PreparedStatement day = c.prepareStatement("INSERT INTO NHI_USAGE_DAY (ID, REALM_ID, CLIENT_ID, NODE, EPOCH_DAY, "
                    + "SUCCESSES, REFUSALS) VALUES (?, ?, ?, 'second-node', ?, 5, 0)")) {
                day.setString(1, clientUuid + "|second-node|" + today().toEpochDay());
                day.setString(2, realmId);
                day.setString(3, clientUuid);
                day.setInt(4, (int) today().toEpochDay());
                assertEquals(1, day.executeUpdate());
            }
            JsonNode merged = realm.inventoryEntry("usage-bot");
            assertEquals(7, merged.get("requests30d").asInt(), "counts add up: " + merged);
            assertEquals("10.20.30.40", merged.get("lastAddress").asText(), "the latest success wins: " + merged);
            assertEquals(Instant.ofEpochMilli(later).toString(), merged.get("lastUsed").asText());
        }
    }

    @Test
    @Order(2)
    void aSweepDisablesAndDeletesOnceTheDelayHasPassed() throws Exception {
        GovernedRealm realm = GovernedRealm.create(api, "db-sweep");
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable-then-delete", "reviewGraceDays", 0, "deleteAfterDays", 30));
        ObjectNode overdue = GovernedRealm.compliantClient("overdue-bot");
        ((ObjectNode) overdue.get("attributes")).put("nhi.review-by", today().minusDays(1).toString());
        expect(201, api.post(realm.path("/clients"), overdue));
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("current-bot")));

        assertEquals(List.of("overdue-bot:disable:REVIEW_OVERDUE"), actions(lifecycle.sweep(realm.name())));
        assertFalse(api.client(realm.name(), "overdue-bot").get("enabled").asBoolean());
        assertEquals(List.of("overdue-bot:delete"), actions(lifecycle.forecast(realm.name(), today().plusDays(30))));

        Optional<Connection> jdbc = database().connect();
        if (jdbc.isEmpty()) {
            return; // H2: thirty days cannot pass; the forecast above is the same decision
        }
        try (Connection c = jdbc.get(); PreparedStatement backdate = c.prepareStatement(
                "UPDATE NHI_EXPIRY SET DISABLED_AT = DISABLED_AT - ? WHERE CLIENT_ID = ?")) {
            backdate.setLong(1, Duration.ofDays(30).toMillis());
            backdate.setString(2, api.clientUuid(realm.name(), "overdue-bot"));
            assertEquals(1, backdate.executeUpdate(), "the disabling is on record");
        }
        assertEquals(List.of("overdue-bot:delete"), actions(lifecycle.sweep(realm.name())));
        assertFalse(api.clientExists(realm.name(), "overdue-bot"));
        assertTrue(api.clientExists(realm.name(), "current-bot"));
        JsonNode audit = lifecycle.audit(realm.name(), "overdue-bot");
        assertEquals(2, audit.size(), "the history outlives the client: " + audit);
        assertEquals("delete", audit.get(0).get("action").asText());
        assertEquals("disable", audit.get(1).get("action").asText());
    }

    @Test
    @Order(2)
    void reviewsOfOneClientTakeTurnsUnderItsRowLock() {
        GovernedRealm realm = GovernedRealm.create(api, "db-reviews");
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("reviewed-bot")));
        String uuid = api.clientUuid(realm.name(), "reviewed-bot");
        api.createUser(realm.name(), "heir-1", true, GovernedRealm.PASSWORD);
        api.createUser(realm.name(), "heir-2", true, GovernedRealm.PASSWORD);
        ReviewApi reviews = new ReviewApi(api, realm.name());
        String alice = reviews.tokenOf("alice", GovernedRealm.PASSWORD);

        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        try {
            List<CompletableFuture<HttpResponse<String>>> sent = java.util.stream.Stream.of("heir-1", "heir-2")
                    .map(heir -> CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return reviews.review(alice, uuid, Map.of("decision", "reassign", "newOwner", heir));
                    }, two)).toList();
            assertEquals(List.of(201, 404), sent.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList(),
                    "the second hand-over is judged by the owner the first one left");
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, reviews.historyOf(uuid).size());
    }

    /** The pack's tables keyed by a client, each deleted with it; the audit and the reviews are kept on purpose. */
    private static final List<String> PER_CLIENT_TABLES = List.of("NHI_USAGE", "NHI_USAGE_DAY", "NHI_USAGE_SCOPE", "NHI_CLIENT_CERT",
            "NHI_OWNER_GONE", "NHI_EXPIRY", "NHI_REMINDER", "NHI_DECISION_DAY", "NHI_ANOMALY", "NHI_BASELINE", "NHI_RATE_HOUR");
    private static final List<String> KEPT_TABLES = List.of("NHI_AUDIT", "NHI_REVIEW");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    /**
     * A client used, flagged, counted by a report-only policy, retired by the sweep and whose owner left has rows in
     * most of the pack's tables; deleting it deletes them in the same request, and deleting a realm deletes its
     * clients' rows and its sweep time. The audit and the review history stay.
     */
    @Test
    @Order(2)
    void aRemovedClientOrRealmTakesThePacksRowsWithItAndKeepsItsHistory() throws Exception {
        GovernedRealm realm = GovernedRealm.create(api, "db-removal")
                .withPolicies(Map.of("nhi-scope-narrowing", Map.of("mode", "report-only")));
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        String leaver = api.createUser(realm.name(), "leaver", true, GovernedRealm.PASSWORD);
        String gone = used(realm, "gone-bot");
        String kept = used(realm, "kept-bot");
        // the owner leaves: the owner grace period starts for both
        expect(204, api.put(realm.path("/users/" + leaver), Map.of("enabled", false)));
        ObjectNode overdue = realm.storedWith("gone-bot", Map.of("nhi.review-by", today().minusDays(1).toString()));
        expect(204, api.put(realm.path("/clients/" + gone), overdue));
        assertTrue(actions(lifecycle.sweep(realm.name())).contains("gone-bot:disable:REVIEW_OVERDUE"));
        expect(201, new ReviewApi(api, realm.name()).decide(api.adminToken(), kept, "clear-anomaly", "the kiosk test, ticket DB-1"));

        Optional<Connection> jdbc = database().connect();
        if (jdbc.isEmpty()) {
            return; // H2: Keycloak holds the database file; the deletes are the same statements on every database
        }
        try (Connection c = jdbc.get()) {
            String realmId = parse(expect(200, api.get(realm.path(""))).body()).get("id").asText();
            Map<String, Integer> goneBefore = rows(c, "CLIENT_ID", gone);
            for (String table : List.of("NHI_USAGE", "NHI_USAGE_DAY", "NHI_USAGE_SCOPE", "NHI_OWNER_GONE", "NHI_EXPIRY",
                    "NHI_DECISION_DAY", "NHI_ANOMALY", "NHI_BASELINE", "NHI_RATE_HOUR", "NHI_AUDIT")) {
                assertTrue(goneBefore.get(table) > 0, "the client has rows in " + table + " before: " + goneBefore);
            }
            Map<String, Integer> keptBefore = rows(c, "CLIENT_ID", kept);

            expect(204, api.delete(realm.path("/clients/" + gone)));
            Map<String, Integer> goneAfter = rows(c, "CLIENT_ID", gone);
            for (String table : PER_CLIENT_TABLES) {
                assertEquals(0, goneAfter.get(table), table + " after the client was deleted: " + goneAfter);
            }
            assertEquals(goneBefore.get("NHI_AUDIT"), goneAfter.get("NHI_AUDIT"), "the audit outlives the client");
            assertEquals(keptBefore, rows(c, "CLIENT_ID", kept), "the other client's rows are untouched");

            // what this node still holds of a client when it is deleted (usage, baseline, a count) is not written back
            String late = used(realm, "late-bot");
            expect(200, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "late-bot",
                    "client_secret", "s3cret-late-bot"), BROWSER));
            expect(204, api.delete(realm.path("/clients/" + late)));
            api.flushUsage(realm.name());
            expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
            Map<String, Integer> lateAfter = rows(c, "CLIENT_ID", late);
            for (String table : PER_CLIENT_TABLES) {
                assertEquals(0, lateAfter.get(table), table + " after a flush that followed the deletion: " + lateAfter);
            }

            assertTrue(rows(c, "REALM_ID", realmId).get("NHI_REVIEW") > 0, "the clear is on record");
            Map<String, Integer> realmBefore = rows(c, "REALM_ID", realmId);
            assertEquals(1, count(c, "NHI_SWEEP_RUN", "REALM_ID", realmId), "the realm's sweep time is on record");
            expect(204, api.delete(realm.path("")));
            Map<String, Integer> realmAfter = rows(c, "REALM_ID", realmId);
            for (String table : PER_CLIENT_TABLES) {
                assertEquals(0, realmAfter.get(table), table + " after the realm was deleted: " + realmAfter);
            }
            assertEquals(0, count(c, "NHI_SWEEP_RUN", "REALM_ID", realmId));
            for (String table : KEPT_TABLES) {
                assertEquals(realmBefore.get(table), realmAfter.get(table), table + " is kept after the realm is deleted");
            }
        }
    }

    /** A client of the leaver's with usage, a baseline and hourly count, a HUMAN_USE flag and a report-only count. */
    private String used(GovernedRealm realm, String clientId) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.owner", "leaver");
        expect(201, api.post(realm.path("/clients"), client));
        expect(200, api.clientCredentials(realm.name(), clientId, "s3cret-" + clientId, "payments:read"));
        expect(200, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", "s3cret-" + clientId), BROWSER)); // no scope: report-only counts a would-refuse
        api.flushUsage(realm.name());
        expect(200, api.post(realm.path("/nhi-guard/telemetry/flush"), Map.of()));
        return api.clientUuid(realm.name(), clientId);
    }

    private static Map<String, Integer> rows(Connection c, String column, String id) throws java.sql.SQLException {
        Map<String, Integer> rows = new java.util.TreeMap<>();
        for (String table : PER_CLIENT_TABLES) {
            rows.put(table, count(c, table, column, id));
        }
        for (String table : KEPT_TABLES) {
            rows.put(table, count(c, table, column, id));
        }
        return rows;
    }

    private static int count(Connection c, String table, String column, String id) throws java.sql.SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            query.setString(1, id);
            try (java.sql.ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    @Test
    @Order(3)
    void aSweepStoppedHalfWayIsFinishedAfterTheRestartWithNoRecordTwice() {
        String realm = api.createRealm("db-interrupted");
        lifecycle.putSettings(realm, Map.of("mode", "disable", "reviewGraceDays", 0));
        String yesterday = today().minusDays(1).toString();
        for (int first = 0; first < STALE_CLIENTS; first += 100) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = first; i < first + 100; i++) {
                batch.add(AdminApi.serviceAccountClient(String.format("stale-%03d", i), Map.of("nhi.owner", "", "nhi.review-by", yesterday)));
            }
            expect(200, api.partialImport(realm, "FAIL", batch.toArray(new ObjectNode[0])));
        }

        CompletableFuture<HttpResponse<String>> running = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        api.base().resolve("/admin/realms/" + realm + "/nhi-guard/sweep?dryRun=false"))
                .header("Authorization", "Bearer " + api.adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Poll.until("the sweep has retired its first clients", Duration.ofSeconds(60),
                () -> lifecycle.audit(realm).size() > 0 ? Optional.of(true) : Optional.empty());
        server.kill(); // SIGKILL: a crash; a graceful stop would let the sweep finish first
        assertTrue(running.handle((response, failure) -> failure != null).join(), "the sweep's request died with the server");

        server = start("2", "--spi-events-listener--nhi-expiry--sweep-check-interval=1", false);

        JsonNode swept = Poll.until("the scheduler has swept the realm again", Duration.ofSeconds(120), () -> {
            JsonNode status = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/sweep")).body());
            return status.path("lastRun").isTextual() ? Optional.of(status) : Optional.empty();
        });
        JsonNode clients = parse(expect(200, api.get("/admin/realms/" + realm + "/clients?max=1000&search=true&clientId=stale-")).body());
        assertTrue(clients.size() >= STALE_CLIENTS / 2, "the clients imported before the stop are there: " + clients.size());
        JsonNode audit = lifecycle.audit(realm);
        List<String> stillEnabled = new ArrayList<>();
        clients.forEach(c -> {
            if (c.get("enabled").asBoolean()) {
                stillEnabled.add(c.get("clientId").asText());
            }
        });
        List<JsonNode> records = StreamSupport.stream(audit.spliterator(), false).toList();
        assertEquals(List.of(), stillEnabled, "every client is disabled after the scheduler's sweep " + swept + "; "
                + records.size() + " audit records, by " + records.stream().map(r -> r.get("actor").asText()).distinct().toList()
                + "; those of the clients still enabled: "
                + records.stream().filter(r -> stillEnabled.contains(r.get("clientId").asText())).toList());
        Set<String> retired = new HashSet<>();
        Set<String> actors = new HashSet<>();
        audit.forEach(record -> {
            assertTrue(retired.add(record.get("clientId").asText()), "no client is recorded twice: " + record);
            actors.add(record.get("actor").asText());
            assertEquals("disable", record.get("action").asText());
        });
        assertEquals(clients.size(), retired.size(), "one record per client");
        assertTrue(actors.contains("nhi-guard:sweep"), "the scheduler finished the sweep: " + actors);
        if (database().durableCommits()) {
            assertEquals(STALE_CLIENTS, clients.size());
            assertEquals(Set.of("admin@master", "nhi-guard:sweep"), actors, "begun by the admin, finished by the scheduler");
        }
        // (the embedded H2 writes its file a moment after each commit: a kill takes its last seconds of commits along,
        // clients and retirements alike, and the scheduler redoes what was lost)
        assertEquals(List.of(), actions(lifecycle.sweep(realm)), "a sweep run by hand now finds nothing left to do");
    }
}
