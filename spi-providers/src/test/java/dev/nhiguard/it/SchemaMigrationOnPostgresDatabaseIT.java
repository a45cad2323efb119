package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.Database;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.ReviewApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upgrade of the pack on a database the previous schema created: Keycloak starts with a build whose changelog
 * ends before the newest changesets (the schema of the release before them), the pack writes usage and a review,
 * then the current jar starts on the same database. Its Liquibase applies only the new changesets, the old rows
 * are all there, and the new tables take writes.
 */
class SchemaMigrationOnPostgresDatabaseIT {

    /** The changesets the previous schema lacks: the owner bindings of 2026-12-07. */
    private static final List<String> NEWER = List.of("nhi-guard-20261207-owner-binding");

    @Test
    void theCurrentJarMigratesAPreviousSchemaKeepingItsRows() throws Exception {
        Database.POSTGRES.reset();
        Path previous = previousJar();
        String realmName;
        String clientUuid;
        List<String> previousRelease = new ArrayList<>(Database.POSTGRES.keycloakOptions());
        // the previous release bound no owners: the owner-bindings provider is the only writer of the tables it lacks
        previousRelease.add("--spi-events-listener--nhi-owner-bindings--enabled=false");
        try (KeycloakServer old = KeycloakServer.start(KeycloakServer.Options.of("migration-1", previousRelease, true).withJar(previous))) {
            AdminApi api = new AdminApi(old.baseUri());
            GovernedRealm realm = GovernedRealm.create(api, "migration");
            realmName = realm.name();
            expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("old-bot")));
            // accepted before the upgrade with an owner who has since been disabled and a review that fell due
            com.fasterxml.jackson.databind.node.ObjectNode lapsed = GovernedRealm.compliantClient("lapsed-bot");
            ((com.fasterxml.jackson.databind.node.ObjectNode) lapsed.get("attributes")).put("nhi.owner", "carol")
                    .put("nhi.review-by", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString());
            expect(201, api.post(realm.path("/clients"), lapsed));
            expect(200, api.clientCredentials(realmName, "old-bot", "s3cret-old-bot", "payments:read"));
            api.flushUsage(realmName);
            clientUuid = api.clientUuid(realmName, "old-bot");
            ReviewApi reviews = new ReviewApi(api, realmName);
            expect(201, reviews.review(reviews.tokenOf("alice", GovernedRealm.PASSWORD), clientUuid, Map.of("decision", "attest")));
        }
        try (Connection c = Database.POSTGRES.connect().orElseThrow()) {
            assertEquals(List.of(), applied(c).stream().filter(NEWER::contains).toList(), "the previous schema lacks the new changesets");
        }

        try (KeycloakServer current = KeycloakServer.start(KeycloakServer.Options.of("migration-2", Database.POSTGRES.keycloakOptions(), false))) {
            AdminApi api = new AdminApi(current.baseUri());
            try (Connection c = Database.POSTGRES.connect().orElseThrow()) {
                List<String> applied = applied(c);
                assertTrue(applied.containsAll(NEWER), "the new changesets ran: " + applied);
                assertEquals(applied.size(), applied.stream().distinct().count(), "each changeset once: " + applied);
            }
            JsonNode entry = api.inventoryEntry(realmName, "old-bot");
            assertEquals(1, entry.get("requests30d").asInt(), "usage written under the previous schema: " + entry);
            // the upgrade bound every owner named before bindings existed to the user who had the name, refusing nothing
            String alice = parse(expect(200, api.get("/admin/realms/" + realmName + "/users?exact=true&username=alice")).body()).get(0).get("id").asText();
            assertEquals(alice, entry.get("ownerId").asText(), entry.toString());
            JsonNode lapsedEntry = api.inventoryEntry(realmName, "lapsed-bot");
            assertEquals("disabled", lapsedEntry.get("ownerState").asText(), lapsedEntry.toString());
            assertTrue(lapsedEntry.hasNonNull("ownerId"), lapsedEntry.toString());
            GovernedRealm.putPolicies(api, realmName, Map.of("nhi-owner-required", Map.of()));
            expect(200, api.clientCredentials(realmName, "lapsed-bot", "s3cret-lapsed-bot", "payments:read"));
            assertEquals("attest", new ReviewApi(api, realmName).historyOf(clientUuid).get(0).get("decision").asText());
            // the new tables take writes: a report-only refusal counted and flushed into NHI_DECISION_DAY
            GovernedRealm.putPolicies(api, realmName, Map.of("nhi-scope-narrowing", Map.of("mode", "report-only")));
            expect(200, api.clientCredentials(realmName, "old-bot", "s3cret-old-bot"));
            expect(200, api.post("/admin/realms/" + realmName + "/nhi-guard/telemetry/flush", Map.of()));
            try (Connection c = Database.POSTGRES.connect().orElseThrow(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT SUM(WOULD_REFUSE) FROM NHI_DECISION_DAY")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the would-be refusal is in the new table");
            }
        }
    }

    private static List<String> applied(Connection c) throws java.sql.SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT ID FROM DATABASECHANGELOG_NHI_GUARD ORDER BY ORDEREXECUTED")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** The current jar with its changelog cut before the newer changesets: the schema an upgrade starts from. */
    private static Path previousJar() throws IOException {
        Path jar = Path.of(System.getProperty("nhi.provider.jar"));
        Path previous = jar.resolveSibling("nhi-guard-previous-schema.jar");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(previous))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream data = in.getInputStream(entry)) {
                    content = data.readAllBytes();
                }
                if (entry.getName().equals("META-INF/nhi-guard-changelog.xml")) {
                    content = withoutNewer(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return previous;
    }

    private static String withoutNewer(String changelog) {
        String cut = changelog;
        for (String id : NEWER) {
            Matcher set = Pattern.compile("<changeSet author=\"nhi-guard\" id=\"" + Pattern.quote(id) + "\">.*?</changeSet>", Pattern.DOTALL)
                    .matcher(cut);
            assertTrue(set.find(), "changeset " + id + " is in the changelog");
            cut = set.replaceFirst("");
        }
        return cut;
    }
}
