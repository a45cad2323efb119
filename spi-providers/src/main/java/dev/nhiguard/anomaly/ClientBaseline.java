package dev.nhiguard.anomaly;

import dev.nhiguard.store.AnomalyRecords;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One machine identity's baseline as this node holds it: the values seen, the hourly counts, recent refusals, and
 * what this node has seen since its last flush. Everything a token request touches is here, behind one lock (the
 * baseline's monitor: {@link Anomalies} holds it around a request's whole observation, the flush's merge and drain
 * take it themselves), so a request pays one map lookup for its client, one lock and no key building.
 */
final class ClientBaseline {

    static final String NETWORK = "network";
    static final String AGENT = "agent";
    static final String CERTIFICATE = "certificate";
    private static final long REFUSAL_WINDOW = 10 * 60_000L;

    enum Sighting { SEED, KNOWN, NEW }

    /** A value seen since the last flush, with the first time this node saw it in that period. */
    record SeenValue(String kind, String value, long time) {
    }

    /** What this node saw of the client since its last flush. */
    record Pending(List<SeenValue> values, Map<Integer, Long> hours) {
    }

    private final String realmId;
    private final Map<String, Set<String>> values = new HashMap<>();
    /** Requests per epoch hour; each count a one-element array, counted in place. */
    private final Map<Integer, long[]> hours = new HashMap<>();
    private final Deque<Long> refusals = new ArrayDeque<>();
    private Map<String, Map<String, Long>> pendingValues = new HashMap<>();
    private Map<Integer, long[]> pendingHours = new HashMap<>();
    /** The counts of the hour counted last: a request of the same hour touches no map. */
    private int cellHour = Integer.MIN_VALUE;
    private long[] cellCount;
    private long[] cellPending;
    private long since;
    private int quietHour = Integer.MIN_VALUE;
    private boolean active;
    /** The average of the other active hours, computed once per hour (and after a merge) instead of per request. */
    private int averagedHour = Integer.MIN_VALUE;
    private long average;
    /** Per kind, the value noted last since the last flush. */
    private final String[] lastNoted = new String[3];
    private String lastAddress;
    private String lastNetwork;
    private int lastPrefixes = -1;

    ClientBaseline(String realmId, long firstObservation, List<AnomalyRecords.BaselineValue> stored, Map<Integer, Long> storedHours) {
        this.realmId = realmId;
        this.since = firstObservation;
        merge(stored, storedHours);
    }

    String realmId() {
        return realmId;
    }

    synchronized void merge(List<AnomalyRecords.BaselineValue> stored, Map<Integer, Long> storedHours) {
        for (AnomalyRecords.BaselineValue value : stored) {
            values.computeIfAbsent(value.kind(), k -> new HashSet<>()).add(value.value());
            since = Math.min(since, value.firstSeen());
        }
        storedHours.forEach((hour, count) -> {
            long[] mine = hours.computeIfAbsent(hour, h -> new long[1]);
            mine[0] = Math.max(mine[0], count);
        });
        averagedHour = Integer.MIN_VALUE;
    }

    long since() {
        return since;
    }

    /**
     * The network of a request's address, remembered for the last address this client came from (most requests of
     * a client come from where the last one came from): the node-wide memo is asked only when the address changes.
     */
    String networkOf(String address, int ipv4Prefix, int ipv6Prefix, Networks networks) {
        int prefixes = ipv4Prefix << 8 | ipv6Prefix;
        if (address != null && address.equals(lastAddress) && prefixes == lastPrefixes) {
            return lastNetwork;
        }
        lastNetwork = networks.of(address, ipv4Prefix, ipv6Prefix);
        lastAddress = address;
        lastPrefixes = prefixes;
        return lastNetwork;
    }

    /** Notes a value; the first of its kind seeds the baseline rather than counting as new. */
    Sighting note(String kind, String value, long time) {
        active = true;
        int slot = slot(kind);
        if (value.equals(lastNoted[slot])) {
            return Sighting.KNOWN; // noted (and pending) already since the last flush
        }
        lastNoted[slot] = value;
        // a known value is written again at most once per flush, to keep its last sighting (the baseline window) current
        pendingValues.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(value, time);
        Set<String> known = values.computeIfAbsent(kind, k -> new HashSet<>());
        if (!known.add(value)) {
            return Sighting.KNOWN;
        }
        return known.size() == 1 ? Sighting.SEED : Sighting.NEW;
    }

    private static int slot(String kind) {
        return switch (kind) {
            case NETWORK -> 0;
            case AGENT -> 1;
            default -> 2;
        };
    }

    /** Counts a request in its hour; answers the hour's count and the average of the other active hours. */
    long[] countHour(int hour, int fromHour) {
        active = true;
        if (hour != cellHour) {
            cellCount = hours.computeIfAbsent(hour, h -> new long[1]);
            cellPending = pendingHours.computeIfAbsent(hour, h -> new long[1]);
            cellHour = hour;
        }
        long count = ++cellCount[0];
        cellPending[0]++;
        if (averagedHour != hour) {
            hours.keySet().removeIf(h -> h < fromHour);
            long total = 0;
            long activeHours = 0;
            for (Map.Entry<Integer, long[]> entry : hours.entrySet()) {
                if (entry.getKey() != hour && entry.getValue()[0] > 0) {
                    total += entry.getValue()[0];
                    activeHours++;
                }
            }
            average = activeHours == 0 ? 0 : total / activeHours;
            averagedHour = hour;
        }
        return new long[] {count, average};
    }

    int refusals(long time) {
        active = true;
        refusals.addLast(time);
        while (!refusals.isEmpty() && refusals.peekFirst() < time - REFUSAL_WINDOW) {
            refusals.removeFirst();
        }
        return refusals.size();
    }

    /** Takes out what was seen since the last flush; null when the client was not seen since. */
    synchronized Pending drain() {
        if (!active) {
            return null;
        }
        active = false;
        List<SeenValue> seen = new ArrayList<>();
        pendingValues.forEach((kind, byValue) -> byValue.forEach((value, time) -> seen.add(new SeenValue(kind, value, time))));
        Map<Integer, Long> counted = new HashMap<>();
        pendingHours.forEach((hour, count) -> counted.put(hour, count[0]));
        Pending pending = new Pending(seen, counted);
        pendingValues = new HashMap<>();
        pendingHours = new HashMap<>();
        cellHour = Integer.MIN_VALUE;
        java.util.Arrays.fill(lastNoted, null);
        return pending;
    }

    /** A cleared spike: the rest of this hour is accepted as it is. */
    synchronized void quiet(int hour) {
        quietHour = hour;
        refusals.clear();
    }

    boolean isQuiet(int hour) {
        return quietHour == hour;
    }
}
