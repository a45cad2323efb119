package dev.nhiguard.bench;

import dev.nhiguard.testsupport.KeycloakServer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Loads the token endpoints of two realms of one server in alternating rounds (A then B, then B then A, ...), so noise
 * on the shared machine falls on both, and prints the comparison. Options: -Dbench.connections (4), -Dbench.rounds
 * (30), -Dbench.roundSeconds (5), -Dbench.warmUpSeconds (60); -Dbench.profile=true loads only B (-Dbench.profileSide=A: only A), for a profiler.
 */
final class SameServerAb {

    private SameServerAb() {
    }

    static void run(KeycloakServer server, String title, String realmA, String labelA, String realmB, String labelB,
                    OptionalDouble goal) throws Exception {
        int connections = Integer.getInteger("bench.connections", 4);
        int rounds = Integer.getInteger("bench.rounds", 30);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 60));
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.roundSeconds", 5));
        boolean sideA = BenchChoice.of("bench.profileSide", "B", List.of("A", "B")).equals("A");
        URI a = server.baseUri().resolve("/realms/" + realmA + "/protocol/openid-connect/token");
        URI b = server.baseUri().resolve("/realms/" + realmB + "/protocol/openid-connect/token");
        BenchRealm.expectToken(a);
        BenchRealm.expectToken(b);
        if (Boolean.getBoolean("bench.profile")) {
            URI side = sideA ? a : b;
            Load.run(side, BenchRealm.FORM, connections, warmUp); // JIT and caches, as before the A/B's rounds
            long from = System.currentTimeMillis();
            Load.Result r = Load.run(side, BenchRealm.FORM, connections, round.multipliedBy(rounds));
            long to = System.currentTimeMillis();
            ProfileWindow.write(from, to);
            System.out.printf(Locale.ROOT, "profiled load on %s: %s req/s, after %d s warm-up, from %d to %d (epoch ms, in %s)%n",
                    sideA ? realmA : realmB, Load.format(r.throughput()), warmUp.toSeconds(), from, to, ProfileWindow.file());
            return;
        }
        Load.run(a, BenchRealm.FORM, connections, warmUp); // JIT and caches; not counted
        Load.run(b, BenchRealm.FORM, connections, warmUp);
        List<Load.Result> as = new ArrayList<>();
        List<Load.Result> bs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                as.add(Load.run(a, BenchRealm.FORM, connections, round));
                bs.add(Load.run(b, BenchRealm.FORM, connections, round));
            } else {
                bs.add(Load.run(b, BenchRealm.FORM, connections, round));
                as.add(Load.run(a, BenchRealm.FORM, connections, round));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%s: client_credentials scope=%s, load: %s, %d connections, %d x %d s rounds per realm "
                        + "(after %d s warm-up each), Keycloak %s, %d cores%n", title, BenchRealm.SCOPE, Load.loader(), connections, rounds,
                round.toSeconds(), warmUp.toSeconds(), server.keycloakVersion(), Runtime.getRuntime().availableProcessors());
        AbReport.print(labelA, as, labelB, bs, goal);
    }
}
