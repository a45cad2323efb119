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
        try (KeycloakServer server = KeycloakServer.start(KeycloakServer.Options.benchmark("token-ab", true, List.of()))) {
            AdminApi api = new AdminApi(server.baseUri());
            BenchRealm.create(api, "bench-plain");
            BenchRealm.create(api, "bench-policy");
            if (demo) {
                BenchRealm.demoPolicies(api, "bench-policy");
            } else {
                api.enableExecutorForEveryClient("bench-policy", "nhi-scope-narrowing", Map.of());
            }
            SameServerAb.run(server, "NHI Guard token endpoint A/B, one server", "bench-plain", "bench-plain (no policy)",
                    "bench-policy", demo ? "bench-policy (the demo policies)" : "bench-policy (nhi-scope-narrowing)",
                    OptionalDouble.of(AbReport.PACK_GOAL));
        }
    }
}
