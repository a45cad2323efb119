package dev.nhiguard.bench;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static dev.nhiguard.testsupport.AdminApi.expect;

/**
 * What Keycloak's own Workflows engine costs the token endpoint when it restarts an idle-client timer on every client
 * authentication: two identical realms on one server, one with the workflow "disable a client 90 days after its last
 * client_credentials token" (on: client-authenticated, restart-in-progress), one without. The pack's expiry uses
 * Keycloak's cluster-aware timer instead; this figure is why. See bench/README.md and the README's Expiry section.
 */
public final class WorkflowCostBenchmark {

    public static void main(String[] args) throws Exception {
        try (KeycloakServer server = KeycloakServer.start(KeycloakServer.Options.benchmark("workflow-ab", true, List.of()))) {
            AdminApi api = new AdminApi(server.baseUri());
            BenchRealm.create(api, "bench-plain");
            BenchRealm.create(api, "bench-workflow");
            expect(201, api.post("/admin/realms/bench-workflow/workflows", Map.of(
                    "name", "disable-idle-clients",
                    "enabled", true,
                    "on", "client-authenticated",
                    "concurrency", Map.of("restart-in-progress", "true"),
                    "steps", List.of(Map.of("uses", "disable-client", "after", "90d")))));
            SameServerAb.run(server, "Keycloak Workflows on the token path, one server", "bench-plain", "bench-plain (no workflow)",
                    "bench-workflow", "bench-workflow (idle-client workflow)", OptionalDouble.empty());
        }
    }
}
