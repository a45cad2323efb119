package dev.nhiguard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * Times the inventory API on a realm with 10,000 service-account clients (override with -Dbench.clients),
 * on a real Keycloak started with the freshly built jar. See bench/README.md.
 */
public final class InventoryBenchmark {

    private static final int OWNERS = 50;
    private static final int BATCH = 500;

    public static void main(String[] args) {
        int clients = Integer.getInteger("bench.clients", 10_000);
        int runs = Integer.getInteger("bench.runs", 15);
        try (KeycloakServer server = KeycloakServer.start()) {
            AdminApi api = new AdminApi(server.baseUri());
            String realm = "bench-inventory";
            long started = System.nanoTime();
            populate(api, realm, clients);
            double importSeconds = (System.nanoTime() - started) / 1e9;

            String base = "/admin/realms/" + realm + "/nhi-guard/inventory";
            Timings firstPage = new Timings("first page (max=100)");
            Timings deepPage = new Timings("page 50 (first=5000, max=100)");
            Timings ownerPage = new Timings("owner filter (owner=owner-7)");
            Timings findingPage = new Timings("finding filter (OWNER_DISABLED, max=100)");
            Timings rareFinding = new Timings("finding filter, no match (ADMIN_ROLES)");
            Timings jsonExport = new Timings("full export JSON");
            Timings csvExport = new Timings("full export CSV");

            for (int warm = 0; warm < 3; warm++) {
                measure(api, base + "?max=100", null);
                measure(api, base + "/export?format=json", null);
            }
            for (int i = 0; i < runs; i++) {
                // interleaved, so a burst of noise on the shared machine hits every operation alike
                measure(api, base + "?max=100", firstPage);
                measure(api, base + "?first=5000&max=100", deepPage);
                measure(api, base + "?owner=owner-7", ownerPage);
                measure(api, base + "?finding=OWNER_DISABLED&max=100", findingPage);
                measure(api, base + "?finding=ADMIN_ROLES&max=100", rareFinding);
                if (i % 3 == 0) {
                    measure(api, base + "/export?format=json", jsonExport);
                    measure(api, base + "/export?format=csv", csvExport);
                }
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "NHI Guard inventory benchmark: %d service-account clients, Keycloak %s, %d cores%n",
                    clients, server.keycloakVersion(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "realm set-up (partial import): %.1f s%n", importSeconds);
            System.out.println(Timings.header());
            System.out.println(firstPage.row(200));
            System.out.println(deepPage.row(200));
            System.out.println(ownerPage.row(200));
            System.out.println(findingPage.row(200));
            System.out.println(rareFinding.row(10_000));
            System.out.println(jsonExport.row(10_000));
            System.out.println(csvExport.row(10_000));
        }
    }

    private static void measure(AdminApi api, String path, Timings timings) {
        api.adminToken(); // renew outside the timed call
        long start = System.nanoTime();
        HttpResponse<String> response = expect(200, api.get(path));
        long elapsed = System.nanoTime() - start;
        if (timings != null) {
            timings.add(elapsed, response.body().length());
        }
    }

    /** One realm, 50 owners (every fifth disabled), clients spread over owners, with 5% unowned and 10% overdue. */
    private static void populate(AdminApi api, String realm, int clients) {
        expect(201, api.post("/admin/realms", java.util.Map.of("realm", realm, "enabled", true)));
        ObjectNode users = AdminApi.JSON.createObjectNode().put("ifResourceExists", "SKIP");
        ArrayNode userList = users.putArray("users");
        for (int o = 0; o < OWNERS; o++) {
            userList.addObject().put("username", "owner-" + o).put("enabled", o % 5 != 0)
                    .put("email", "owner-" + o + "@example.test").put("firstName", "Owner").put("lastName", String.valueOf(o));
        }
        expect(200, api.post("/admin/realms/" + realm + "/partialImport", users));
        String reviewBy = LocalDate.now(ZoneOffset.UTC).plusDays(180).toString();
        for (int from = 0; from < clients; from += BATCH) {
            ObjectNode batch = AdminApi.JSON.createObjectNode().put("ifResourceExists", "SKIP");
            ArrayNode list = batch.putArray("clients");
            for (int i = from; i < Math.min(clients, from + BATCH); i++) {
                ObjectNode client = list.addObject()
                        .put("clientId", String.format(Locale.ROOT, "svc-%05d", i))
                        .put("publicClient", false).put("serviceAccountsEnabled", true).put("standardFlowEnabled", false)
                        .put("secret", "bench-secret-" + i);
                ObjectNode attributes = client.putObject("attributes");
                if (i % 20 != 0) {
                    attributes.put("nhi.owner", "owner-" + (i % OWNERS))
                            .put("nhi.purpose", "Benchmark identity " + i)
                            .put("nhi.review-by", i % 10 == 1 ? "2026-01-31" : reviewBy);
                }
            }
            expect(200, api.post("/admin/realms/" + realm + "/partialImport", batch));
        }
    }
}
