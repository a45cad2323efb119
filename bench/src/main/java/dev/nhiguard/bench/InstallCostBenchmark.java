package dev.nhiguard.bench;

import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What installing the pack costs the token endpoint: a vanilla Keycloak (no jar) against Keycloak with the pack and the
 * demo realm's policies, same realm shape, same client. One Keycloak at a time on the machine, so each round starts
 * its server afresh, warms it up, measures, and stops it; the sides alternate which goes first. See bench/README.md.
 */
public final class InstallCostBenchmark {

    public static void main(String[] args) throws Exception {
        int connections = Integer.getInteger("bench.connections", 4);
        int rounds = Integer.getInteger("bench.rounds", 10);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 60));
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.roundSeconds", 20));
        List<Load.Result> vanilla = new ArrayList<>();
        List<Load.Result> pack = new ArrayList<>();
        String version = "?";
        for (int r = 0; r < rounds; r++) {
            boolean vanillaFirst = r % 2 == 0;
            for (boolean withPack : vanillaFirst ? new boolean[] {false, true} : new boolean[] {true, false}) {
                try (KeycloakServer server = KeycloakServer.start(KeycloakServer.Options.benchmark(
                        withPack ? "install-pack" : "install-vanilla", withPack, List.of()))) {
                    version = server.keycloakVersion();
                    AdminApi api = new AdminApi(server.baseUri());
                    BenchRealm.create(api, "bench");
                    if (withPack) {
                        BenchRealm.demoPolicies(api, "bench");
                    }
                    URI token = server.baseUri().resolve("/realms/bench/protocol/openid-connect/token");
                    BenchRealm.expectToken(token);
                    Load.run(token, BenchRealm.FORM, connections, warmUp);
                    Load.Result result = Load.run(token, BenchRealm.FORM, connections, round);
                    (withPack ? pack : vanilla).add(result);
                    System.out.printf(Locale.ROOT, "round %d %s: %s req/s%n", r + 1, withPack ? "pack" : "vanilla", Load.format(result.throughput()));
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "NHI Guard install cost: client_credentials scope=%s, load: %s, %d connections, %d rounds "
                        + "(each: fresh server, %d s warm-up, %d s measured), Keycloak %s, %d cores%n", BenchRealm.SCOPE, Load.loader(),
                connections, rounds, warmUp.toSeconds(), round.toSeconds(), version, Runtime.getRuntime().availableProcessors());
        AbReport.print("vanilla Keycloak (no jar, no policies)", vanilla, "with the pack and the demo policies", pack, OptionalDouble.of(AbReport.PACK_GOAL));
    }
}
