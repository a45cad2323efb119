package dev.nhiguard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Wall-clock samples of one operation, summarised as min / median / max in milliseconds. */
final class Timings {

    private final String name;
    private final List<Double> millis = new ArrayList<>();
    private long lastBytes;

    Timings(String name) {
        this.name = name;
    }

    void add(long nanos, long bytes) {
        millis.add(nanos / 1_000_000.0);
        lastBytes = bytes;
    }

    double median() {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String row(double goalMillis) {
        String verdict = median() <= goalMillis ? "met" : "MISSED";
        return String.format(Locale.ROOT, "%-42s %5d %9.1f %9.1f %9.1f %11d   < %.0f ms %s",
                name, millis.size(), Collections.min(millis), median(), Collections.max(millis), lastBytes, goalMillis, verdict);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-42s %5s %9s %9s %9s %11s   %s", "operation", "runs", "min ms", "p50 ms", "max ms", "bytes", "goal");
    }
}
