package dev.nhiguard.usage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token path's buffer: one entry per client, latest facts win, counts add, nothing is lost to a racing flush. */
class UsageBufferTest {

    private static final long DAY_MS = 86_400_000L;

    private static Observation seen(String client, long time, boolean granted, String address) {
        return new Observation("realm", client, time, granted, true, address, "client_credentials", Set.of("payments:read"),
                granted ? Set.of("payments:read") : Set.of());
    }

    @Test
    void oneEntryPerClientWithLatestFactsAndDailyCounts() {
        UsageBuffer buffer = new UsageBuffer();
        buffer.add(seen("a", 10 * DAY_MS + 5, true, "10.0.0.2"));
        buffer.add(seen("a", 10 * DAY_MS + 1, true, "10.0.0.1")); // arrives late: older facts do not win
        buffer.add(seen("a", 11 * DAY_MS, false, "10.0.0.3"));
        buffer.add(seen("b", 11 * DAY_MS, true, "10.0.0.4"));

        List<PendingUsage> drained = buffer.drain();
        assertEquals(2, drained.size());
        PendingUsage a = drained.stream().filter(p -> p.clientId().equals("a")).findFirst().orElseThrow();
        assertEquals(10 * DAY_MS + 5, a.lastSuccess());
        assertEquals("10.0.0.2", a.lastAddress());
        assertEquals(11 * DAY_MS, a.lastRefusal());
        assertEquals(2, a.days().get(10).successes());
        assertEquals(1, a.days().get(11).refusals());
        assertEquals(0, buffer.size(), "drained");
    }

    @Test
    void whatAFailedFlushPutsBackIsMergedWithWhatCameMeanwhile() {
        UsageBuffer buffer = new UsageBuffer();
        buffer.add(seen("a", 10 * DAY_MS, true, "10.0.0.1"));
        List<PendingUsage> failed = buffer.drain();
        buffer.add(seen("a", 10 * DAY_MS + 9, true, "10.0.0.9"));
        buffer.restore(failed);

        PendingUsage a = buffer.drain().get(0);
        assertEquals(2, a.days().get(10).successes());
        assertEquals("10.0.0.9", a.lastAddress());
    }

    @Test
    void noObservationIsLostWhileFlushesRunConcurrently() throws Exception {
        UsageBuffer buffer = new UsageBuffer();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int perThread = 20_000;
        for (int t = 0; t < 3; t++) {
            pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    buffer.add(seen("a", 10 * DAY_MS, true, "10.0.0.1"));
                }
            });
        }
        long[] counted = {0};
        pool.submit(() -> {
            for (int i = 0; i < 200; i++) {
                buffer.drain().forEach(p -> counted[0] += p.days().get(10).successes());
            }
        });
        pool.shutdown();
        assertEquals(true, pool.awaitTermination(60, TimeUnit.SECONDS));
        buffer.drain().forEach(p -> counted[0] += p.days().get(10).successes());
        assertEquals(3L * perThread, counted[0]);
    }
}
