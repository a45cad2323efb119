package dev.nhiguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * Times the inventory API (every page shape and every finding filter) and the expiry sweep on a realm with 10,000
 * service-account clients (override with -Dbench.clients), on a real Keycloak started with the freshly built jar.
 * See bench/README.md.
 */
public final class InventoryBenchmark {

    private static final int OWNERS = 50;
    private static final int BATCH = 500;
    private static final String REALM = "bench-inventory";

    public static void main(String[] args) throws InterruptedException {
        int clients = Integer.getInteger("bench.clients", 10_000);
        int runs = Integer.getInteger("bench.runs", 15);
        boolean keep = Boolean.getBoolean("bench.keepData");
        try (KeycloakServer server = KeycloakServer.start(KeycloakServer.Options.benchmark("inventory", List.of(
                "--spi-events-listener--nhi-expiry--sweep-check-interval=86400"), keep))) {
            AdminApi api = new AdminApi(server.baseUri());
            long started = System.nanoTime();
            boolean built = populate(api, clients);
            double importSeconds = (System.nanoTime() - started) / 1e9;
            JsonNode mix = findingMix(api);

            String base = "/admin/realms/" + REALM + "/nhi-guard/inventory";
            Map<String, Timings> pages = new LinkedHashMap<>();
            pages.put(base + "?max=100", new Timings("first page (max=100)"));
            pages.put(base + "?first=5000&max=100", new Timings("page 50 (first=5000, max=100)"));
            pages.put(base + "?owner=owner-7", new Timings("owner filter (owner=owner-7)"));
            for (Finding finding : Finding.values()) {
                int count = mix.path(finding.name()).asInt(0);
                pages.put(base + "?finding=" + finding + "&max=100", new Timings("finding " + finding + " (" + count + ")"));
            }
            Map<String, Timings> exports = new LinkedHashMap<>();
            exports.put(base + "/export?format=json", new Timings("full export JSON"));
            exports.put(base + "/export?format=csv", new Timings("full export CSV"));
            Timings dryRun = new Timings("sweep dry run (report, today)");
            Timings forecast = new Timings("sweep forecast (asOf +91 days)");
            String sweep = "/admin/realms/" + REALM + "/nhi-guard/sweep?dryRun=true";
            String farDay = LocalDate.now(ZoneOffset.UTC).plusDays(91).toString();

            for (int warm = 0; warm < 3; warm++) {
                pages.keySet().forEach(path -> measure(api, path, null));
                exports.keySet().forEach(path -> measure(api, path, null));
                post(api, sweep, null);
            }
            for (int i = 0; i < runs; i++) {
                // interleaved, so a burst of noise on the shared machine hits every operation alike
                pages.forEach((path, timings) -> measure(api, path, timings));
                if (i % 3 == 0) {
                    exports.forEach((path, timings) -> measure(api, path, timings));
                    post(api, sweep, dryRun);
                    post(api, sweep + "&asOf=" + farDay, forecast);
                }
            }
            // last, because it changes the realm: every overdue client disabled, tokens revoked, audited
            expect(200, api.put("/admin/realms/" + REALM + "/nhi-guard/settings", Map.of("mode", "disable")));
            Timings realSweep = new Timings("sweep, mode disable (retires the overdue)");
            HttpResponse<String> swept = post(api, "/admin/realms/" + REALM + "/nhi-guard/sweep?dryRun=false", realSweep);
            int retired = AdminApi.parse(swept.body()).get("actions").size();

            System.out.println();
            System.out.printf(Locale.ROOT, "NHI Guard inventory and sweep benchmark: %d service-account clients, Keycloak %s, %d cores%n",
                    clients, server.keycloakVersion(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, built ? "realm set-up (partial import): %.1f s%n" : "realm kept from an earlier run (%.1f s)%n",
                    importSeconds);
            System.out.println(Timings.header());
            pages.values().forEach(t -> System.out.println(t.row(200)));
            exports.values().forEach(t -> System.out.println(t.row(2_000)));
            System.out.println(dryRun.row(10_000));
            System.out.println(forecast.row(10_000));
            System.out.println(realSweep.row(10_000) + "   (" + retired + " clients retired)");
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

    private static HttpResponse<String> post(AdminApi api, String path, Timings timings) {
        api.adminToken();
        long start = System.nanoTime();
        HttpResponse<String> response = expect(200, api.post(path, Map.of()));
        long elapsed = System.nanoTime() - start;
        if (timings != null) {
            timings.add(elapsed, response.body().length());
        }
        return response;
    }

    /** How many clients have each finding (from one full export), so each filter's row says what it had to find. */
    private static JsonNode findingMix(AdminApi api) {
        ObjectNode counts = AdminApi.JSON.createObjectNode();
        for (JsonNode entry : AdminApi.parse(expect(200, api.get("/admin/realms/" + REALM + "/nhi-guard/inventory/export?format=json")).body())) {
            entry.get("findings").forEach(f -> counts.put(f.asText(), counts.path(f.asText()).asInt(0) + 1));
        }
        return counts;
    }

    /**
     * One realm, 50 owners (every fifth disabled), clients spread over owners, with 5% unowned and 10% overdue, a
     * usage record for half of them; false when an earlier run's realm is kept (-Dbench.keepData=true).
     */
    private static boolean populate(AdminApi api, int clients) throws InterruptedException {
        if (api.get("/admin/realms/" + REALM).statusCode() == 200) {
            return false;
        }
        expect(201, api.post("/admin/realms", Map.of("realm", REALM, "enabled", true)));
        ObjectNode users = AdminApi.JSON.createObjectNode().put("ifResourceExists", "SKIP");
        ArrayNode userList = users.putArray("users");
        for (int o = 0; o < OWNERS; o++) {
            userList.addObject().put("username", "owner-" + o).put("enabled", o % 5 != 0)
                    .put("email", "owner-" + o + "@example.test").put("firstName", "Owner").put("lastName", String.valueOf(o));
        }
        expect(200, api.post("/admin/realms/" + REALM + "/partialImport", users));
        String reviewBy = LocalDate.now(ZoneOffset.UTC).plusDays(180).toString();
        String overdue = LocalDate.now(ZoneOffset.UTC).minusDays(60).toString();
        for (int from = 0; from < clients; from += BATCH) {
            ObjectNode batch = AdminApi.JSON.createObjectNode().put("ifResourceExists", "SKIP");
            ArrayNode list = batch.putArray("clients");
            ArrayNode serviceAccounts = batch.putArray("users");
            for (int i = from; i < Math.min(clients, from + BATCH); i++) {
                String clientId = String.format(Locale.ROOT, "svc-%05d", i);
                // each with its service-account user, as in a realm export: without it the client gets no token
                serviceAccounts.addObject().put("username", "service-account-" + clientId).put("enabled", true)
                        .put("serviceAccountClientId", clientId);
                ObjectNode client = list.addObject()
                        .put("clientId", clientId)
                        .put("publicClient", false).put("serviceAccountsEnabled", true).put("standardFlowEnabled", false)
                        .put("secret", "bench-secret-" + i);
                ObjectNode attributes = client.putObject("attributes");
                if (i % 20 != 0) {
                    attributes.put("nhi.owner", "owner-" + (i % OWNERS))
                            .put("nhi.purpose", "Benchmark identity " + i)
                            .put("nhi.review-by", i % 10 == 1 ? overdue : reviewBy);
                }
            }
            expect(200, api.post("/admin/realms/" + REALM + "/partialImport", batch));
        }
        // real token requests give half the clients a usage record (the inventory and the sweep read it back)
        List<String> used = new ArrayList<>();
        for (int i = 0; i < clients; i += 2) {
            used.add(String.format(Locale.ROOT, "svc-%05d", i));
        }
        // a pool of its own, shut down before the benchmark goes on: the common pool's workers would outlive main
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> requests = new ArrayList<>();
            for (String id : used) {
                requests.add(pool.submit(() -> api.clientCredentials(REALM, id, "bench-secret-" + id.substring(4).replaceFirst("^0+(?=.)", ""))));
            }
            for (java.util.concurrent.Future<?> request : requests) {
                request.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a set-up token request failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        api.flushUsage(REALM);
        return true;
    }
}
