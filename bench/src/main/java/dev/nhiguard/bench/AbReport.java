package dev.nhiguard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Prints an A/B token benchmark: totals per side, the rounds, and the median of the per-round throughput ratios B/A,
 * judged against a goal when the comparison has one (the pack's own cost does; Keycloak's Workflows has none).
 */
final class AbReport {

    private AbReport() {
    }

    static final double PACK_GOAL = 0.98;

    static void print(String a, List<Load.Result> as, String b, List<Load.Result> bs, OptionalDouble goal) {
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s%n", "", "requests", "failed", "req/s", "p50 ms", "p99 ms");
        System.out.println(row("A " + a, as));
        System.out.println(row("B " + b, bs));
        System.out.printf(Locale.ROOT, "per-round req/s A: %s%n", perRound(as));
        System.out.printf(Locale.ROOT, "per-round req/s B: %s%n", perRound(bs));
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < Math.min(as.size(), bs.size()); r++) {
            ratios.add(bs.get(r).throughput() / as.get(r).throughput());
        }
        System.out.printf(Locale.ROOT, "per-round ratios B/A: %s%n", ratios.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
        Collections.sort(ratios);
        int mid = ratios.size() / 2;
        double median = ratios.size() % 2 == 1 ? ratios.get(mid) : (ratios.get(mid - 1) + ratios.get(mid)) / 2;
        String verdict = goal.isPresent()
                ? String.format(Locale.ROOT, "; goal >= %.2f: %s", goal.getAsDouble(), median >= goal.getAsDouble() ? "met" : "MISSED") : "";
        System.out.printf(Locale.ROOT, "median of per-round ratios B/A: %.3f  (range %.3f-%.3f%s)%n", median,
                ratios.get(0), ratios.get(ratios.size() - 1), verdict);
    }

    private static String row(String name, List<Load.Result> results) {
        long ok = results.stream().mapToLong(Load.Result::successes).sum();
        long failed = results.stream().mapToLong(Load.Result::failures).sum();
        double seconds = results.stream().mapToDouble(Load.Result::seconds).sum();
        List<Double> p50 = results.stream().map(Load.Result::p50Millis).sorted().toList();
        List<Double> p99 = results.stream().map(Load.Result::p99Millis).sorted().toList();
        return String.format(Locale.ROOT, "%-44s %9d %9d %9.1f %9.2f %9.2f", name, ok, failed, ok / seconds,
                p50.get(p50.size() / 2), p99.get(p99.size() / 2));
    }

    private static String perRound(List<Load.Result> results) {
        return results.stream().map(r -> Load.format(r.throughput())).toList().toString();
    }
}
