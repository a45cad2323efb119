package dev.nhiguard.bench;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A/B on one server: two identical realms, one with nhi-scope-narrowing (or, with -Dbench.policies=demo, the demo
 * realm's policies, as shipped), one without. Usage tracking is on in both (it is global). See bench/README.md.
 */
public final class TokenBenchmark {

    public static void main(String[] args) throws Exception {
        boolean demo = BenchChoice.of("bench.policies", "scope", List.of("scope", "demo")).equals("demo");
        // builtin: the A realm's policy holds one of Keycloak's own executors, which isolates the pack's cost from the
        // cost of having client policies at all
        boolean builtin = BenchChoice.of("bench.baseline", "plain", List.of("plain", "builtin")).equals("builtin");
        // every pack feature on: identity-context records (logged), anomalies, and metrics on Keycloak's endpoint
        try (KeycloakServer server = KeycloakServer.start(KeycloakServer.Options.benchmark("token-ab", true,
                List.of("--metrics-enabled=true")))) {
            AdminApi api = new AdminApi(server.baseUri());
            BenchRealm.create(api, "bench-plain");
            BenchRealm.create(api, "bench-policy");
            if (builtin) {
                api.enableExecutorForEveryClient("bench-plain", "confidential-client", Map.of());
            }
            if (demo) {
                BenchRealm.demoPolicies(api, "bench-policy");
            } else {
                api.enableExecutorForEveryClient("bench-policy", "nhi-scope-narrowing", Map.of());
            }
            SameServerAb.run(server, "NHI Guard token endpoint A/B, one server", "bench-plain",
                    builtin ? "bench-plain (Keycloak's confidential-client executor only)" : "bench-plain (no policy)",
                    "bench-policy", demo ? "bench-policy (the demo policies)" : "bench-policy (nhi-scope-narrowing)",
                    OptionalDouble.of(AbReport.PACK_GOAL));
        }
    }
}
