package dev.nhiguard.anomaly;

import dev.nhiguard.store.AnomalyRecords;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One machine identity's baseline as this node holds it: the values seen, the hourly counts, recent refusals. */
final class ClientBaseline {

    static final String NETWORK = "network";
    static final String AGENT = "agent";
    static final String CERTIFICATE = "certificate";
    private static final long REFUSAL_WINDOW = 10 * 60_000L;

    enum Sighting { SEED, KNOWN, NEW }

    private final Map<String, Set<String>> values = new HashMap<>();
    private final Map<Integer, Long> hours = new HashMap<>();
    private final Deque<Long> refusals = new ArrayDeque<>();
    private long since;
    private int quietHour = Integer.MIN_VALUE;

    ClientBaseline(long firstObservation, List<AnomalyRecords.BaselineValue> stored, Map<Integer, Long> storedHours) {
        this.since = firstObservation;
        merge(stored, storedHours);
    }

    synchronized void merge(List<AnomalyRecords.BaselineValue> stored, Map<Integer, Long> storedHours) {
        for (AnomalyRecords.BaselineValue value : stored) {
            values.computeIfAbsent(value.kind(), k -> new HashSet<>()).add(value.value());
            since = Math.min(since, value.firstSeen());
        }
        storedHours.forEach((hour, count) -> hours.merge(hour, count, Math::max));
    }

    synchronized long since() {
        return since;
    }

    /** Notes a value; the first of its kind seeds the baseline rather than counting as new. */
    synchronized Sighting note(String kind, String value) {
        Set<String> known = values.computeIfAbsent(kind, k -> new HashSet<>());
        if (known.contains(value)) {
            return Sighting.KNOWN;
        }
        boolean first = known.isEmpty();
        known.add(value);
        return first ? Sighting.SEED : Sighting.NEW;
    }

    /** Counts a request in its hour; answers the hour's count and the average of the other active hours. */
    synchronized long[] countHour(int hour, int fromHour) {
        long count = hours.merge(hour, 1L, Long::sum);
        long total = 0;
        long active = 0;
        for (Map.Entry<Integer, Long> entry : hours.entrySet()) {
            if (entry.getKey() != hour && entry.getKey() >= fromHour && entry.getValue() > 0) {
                total += entry.getValue();
                active++;
            }
        }
        hours.keySet().removeIf(h -> h < fromHour);
        return new long[] {count, active == 0 ? 0 : total / active};
    }

    synchronized int refusals(long time) {
        refusals.addLast(time);
        while (!refusals.isEmpty() && refusals.peekFirst() < time - REFUSAL_WINDOW) {
            refusals.removeFirst();
        }
        return refusals.size();
    }

    /** A cleared spike: the rest of this hour is accepted as it is. */
    synchronized void quiet(int hour) {
        quietHour = hour;
        refusals.clear();
    }

    synchronized boolean isQuiet(int hour) {
        return quietHour == hour;
    }
}
