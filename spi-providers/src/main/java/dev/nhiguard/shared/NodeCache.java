package dev.nhiguard.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a node keeps between requests, bounded and for a time at most: the one cache of the pack. An entry older than
 * its time to live is never served; a cache full to its bound first drops what has expired, and if that frees
 * nothing, starts again empty (cheaper than keeping an order of use on every read, and at the bounds chosen, which
 * hold every machine identity of a 50,000-identity realm, reached only by a realm larger than that). A value is loaded
 * outside the map, so a load that reads the database never holds the map's lock; two requests that miss at once may
 * both load, and the later one's value stays.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class NodeCache<K, V> {

    /** A bound that holds one entry for every machine identity of a 50,000-identity realm, with room. */
    public static final int PER_CLIENT = 65_536;

    private record Entry<V>(V value, long until) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int bound;
    private final Clock clock;

    private NodeCache(Duration ttl, int bound, Clock clock) {
        this.ttlMillis = ttl == null ? Long.MAX_VALUE : ttl.toMillis();
        this.bound = bound;
        this.clock = clock;
    }

    /** Entries kept for {@code ttl} at most, {@code bound} of them at most, timed by the pack's clock. */
    public static <K, V> NodeCache<K, V> expiring(Duration ttl, int bound) {
        return new NodeCache<>(ttl, bound, PackClock.clock());
    }

    /** The same with a clock of the caller's (a test's). */
    public static <K, V> NodeCache<K, V> expiring(Duration ttl, int bound, Clock clock) {
        return new NodeCache<>(ttl, bound, clock);
    }

    /** Entries that never expire (what a key always means, as a parsed text), {@code bound} of them at most. */
    public static <K, V> NodeCache<K, V> bounded(int bound) {
        return new NodeCache<>(null, bound, PackClock.clock());
    }

    /** The value kept for the key, or null when there is none or it has expired. */
    public V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.until() <= clock.millis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** The value kept for the key, or the one {@code load} makes now (kept unless it is null). */
    public V get(K key, Function<? super K, ? extends V> load) {
        V kept = get(key);
        if (kept != null) {
            return kept;
        }
        V loaded = load.apply(key);
        if (loaded != null) {
            put(key, loaded);
        }
        return loaded;
    }

    public void put(K key, V value) {
        long now = clock.millis();
        if (entries.size() >= bound) {
            entries.values().removeIf(e -> e.until() <= now);
            if (entries.size() >= bound) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, ttlMillis == Long.MAX_VALUE ? Long.MAX_VALUE : now + ttlMillis));
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
