package dev.nhiguard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * A/B: the token endpoint of two identical realms on one server, one with nhi-scope-narrowing, one without,
 * loaded in alternating rounds so that noise on the shared machine falls on both. See bench/README.md.
 */
public final class TokenBenchmark {

    private static final String SCOPE = "payments:read";

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int rounds = Integer.getInteger("bench.rounds", 6);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 15));
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.roundSeconds", 10));
        try (KeycloakServer server = KeycloakServer.start()) {
            AdminApi api = new AdminApi(server.baseUri());
            String plain = "bench-plain";
            String policy = "bench-policy";
            for (String realm : List.of(plain, policy)) {
                expect(201, api.post("/admin/realms", Map.of("realm", realm, "enabled", true)));
                createScopes(api, realm);
                expect(201, api.post("/admin/realms/" + realm + "/clients", benchClient()));
            }
            api.enableExecutorForEveryClient(policy, "nhi-scope-narrowing", Map.of());

            String form = "grant_type=client_credentials&client_id=bench-bot&client_secret=bench-bot-secret&scope="
                    + AdminApi.enc(SCOPE);
            URI plainUri = server.baseUri().resolve("/realms/" + plain + "/protocol/openid-connect/token");
            URI policyUri = server.baseUri().resolve("/realms/" + policy + "/protocol/openid-connect/token");
            LoadRound.run(plainUri, form, threads, warmUp); // JIT and caches; not counted
            LoadRound.run(policyUri, form, threads, warmUp);

            List<LoadRound.Result> plainResults = new ArrayList<>();
            List<LoadRound.Result> policyResults = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // alternate which realm goes first, so neither always gets the fresher machine
                if (r % 2 == 0) {
                    plainResults.add(LoadRound.run(plainUri, form, threads, round));
                    policyResults.add(LoadRound.run(policyUri, form, threads, round));
                } else {
                    policyResults.add(LoadRound.run(policyUri, form, threads, round));
                    plainResults.add(LoadRound.run(plainUri, form, threads, round));
                }
            }
            Summary a = Summary.of(plainResults);
            Summary b = Summary.of(policyResults);
            System.out.println();
            System.out.printf(Locale.ROOT, "NHI Guard token endpoint A/B: client_credentials scope=%s, %d client threads, %d x %d s rounds per realm, %d cores%n",
                    SCOPE, threads, rounds, round.toSeconds(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s%n", "realm", "requests", "failed", "req/s", "p50 ms", "p99 ms");
            System.out.println(a.row("A bench-plain (no policy)"));
            System.out.println(b.row("B bench-policy (nhi-scope-narrowing)"));
            double ratio = b.throughput() / a.throughput();
            System.out.printf(Locale.ROOT, "throughput ratio B/A: %.3f   (goal >= 0.97: %s)%n", ratio, ratio >= 0.97 ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "per-round req/s A: %s%n", a.perRound());
            System.out.printf(Locale.ROOT, "per-round req/s B: %s%n", b.perRound());
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(b.rounds().get(r) / a.rounds().get(r));
            }
            Collections.sort(ratios);
            int mid = ratios.size() / 2;
            double median = ratios.size() % 2 == 1 ? ratios.get(mid) : (ratios.get(mid - 1) + ratios.get(mid)) / 2;
            System.out.printf(Locale.ROOT, "median of per-round ratios B/A: %.3f%n", median);
        }
    }

    private static void createScopes(AdminApi api, String realm) {
        for (String name : List.of("payments", "payments:read", "payments:write")) {
            ObjectNode scope = AdminApi.JSON.createObjectNode().put("name", name).put("protocol", "openid-connect");
            scope.putObject("attributes").put("include.in.token.scope", "true");
            expect(201, api.post("/admin/realms/" + realm + "/client-scopes", scope));
        }
    }

    /** The same least-privilege client in both realms: the only difference left is the policy. */
    private static ObjectNode benchClient() {
        ObjectNode client = AdminApi.serviceAccountClient("bench-bot", Map.of(
                "access.token.header.type.rfc9068", "true", "access.token.lifespan", "300"));
        client.put("secret", "bench-bot-secret").put("fullScopeAllowed", false);
        client.putArray("defaultClientScopes").add("basic").add("service_account");
        ArrayNode optional = client.putArray("optionalClientScopes");
        optional.add("payments").add("payments:read").add("payments:write");
        return client;
    }

    private record Summary(long requests, long failures, double seconds, List<Long> sorted, List<Double> rounds) {

        static Summary of(List<LoadRound.Result> results) {
            List<Long> all = new ArrayList<>();
            long failures = 0;
            double seconds = 0;
            List<Double> perRound = new ArrayList<>();
            for (LoadRound.Result r : results) {
                all.addAll(r.latencies());
                failures += r.failures();
                seconds += r.elapsedNanos() / 1e9;
                perRound.add(r.latencies().size() / (r.elapsedNanos() / 1e9));
            }
            Collections.sort(all);
            return new Summary(all.size(), failures, seconds, all, perRound);
        }

        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "%-34s %9d %9d %9.1f %9.2f %9.2f", name, requests, failures, throughput(),
                    percentileMillis(0.50), percentileMillis(0.99));
        }

        String perRound() {
            return rounds.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
        }
    }
}
