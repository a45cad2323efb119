package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NodeCacheTest {

    /** A clock a test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-08T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anEntryIsServedUntilItsTimeToLiveAndNeverAfter() {
        TestClock clock = new TestClock();
        NodeCache<String, String> cache = NodeCache.expiring(Duration.ofSeconds(10), 100, clock);
        cache.put("a", "1");
        clock.advance(Duration.ofMillis(9_999));
        assertEquals("1", cache.get("a"));
        clock.advance(Duration.ofMillis(1));
        assertNull(cache.get("a"), "at its time to live it is gone");
        assertEquals(0, cache.size(), "and no longer held");
    }

    @Test
    void aLoadRunsOnceForAHitAndItsNullIsNotKept() {
        NodeCache<String, String> cache = NodeCache.expiring(Duration.ofSeconds(10), 100, new TestClock());
        AtomicInteger loads = new AtomicInteger();
        assertEquals("A", cache.get("a", k -> {
            loads.incrementAndGet();
            return k.toUpperCase();
        }));
        assertEquals("A", cache.get("a", k -> {
            loads.incrementAndGet();
            return "again";
        }));
        assertEquals(1, loads.get());
        assertNull(cache.get("b", k -> null));
        assertEquals(1, cache.size(), "a null load keeps nothing");
    }

    @Test
    void aFullCacheDropsWhatHasExpiredFirstAndStartsOverOnlyWhenNothingHas() {
        TestClock clock = new TestClock();
        NodeCache<Integer, Integer> cache = NodeCache.expiring(Duration.ofSeconds(10), 4, clock);
        cache.put(1, 1);
        cache.put(2, 2);
        clock.advance(Duration.ofSeconds(11));
        cache.put(3, 3);
        cache.put(4, 4);
        cache.put(5, 5); // full: 1 and 2 have expired and go; 3 and 4 stay
        assertEquals(3, cache.size());
        assertEquals(3, cache.get(3));
        cache.put(6, 6);
        cache.put(7, 7); // full, nothing expired: started over
        assertEquals(1, cache.size());
        assertEquals(7, cache.get(7));
    }

    @Test
    void aBoundedCacheNeverExpires() {
        NodeCache<String, String> cache = NodeCache.bounded(2);
        cache.put("a", "1");
        assertEquals("1", cache.get("a"));
        cache.put("b", "2");
        cache.put("c", "3");
        assertEquals(1, cache.size(), "the bound holds");
    }

    @Test
    void thePerClientBoundHoldsARealmOf50000Identities() {
        NodeCache<Integer, Integer> cache = NodeCache.expiring(Duration.ofSeconds(30), NodeCache.PER_CLIENT, new TestClock());
        for (int i = 0; i < 50_000; i++) {
            cache.put(i, i);
        }
        assertEquals(50_000, cache.size(), "no restart before every identity of the realm is held");
        assertEquals(0, cache.get(0));
    }
}
