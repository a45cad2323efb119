package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The rule of the kept client readings: one per cache entry of the client, ten seconds at most. */
class ClientSnapshotReadingsTest {

    private final NodeCacheTest.TestClock clock = new NodeCacheTest.TestClock();
    private final ClientSnapshots.Readings readings = new ClientSnapshots.Readings(clock);
    private final AtomicInteger reads = new AtomicInteger();

    private ClientSnapshot read(String source) {
        reads.incrementAndGet();
        return new ClientSnapshot("bot", false, true, false, false, false, false, "client-secret", Map.of(), List.of(), List.of(), List.of());
    }

    @Test
    void theSameCacheEntryIsReadOnceForTenSeconds() {
        long loaded = clock.millis() - 5_000;
        ClientSnapshot first = readings.of("c1", loaded, "bot", this::read);
        clock.advance(Duration.ofMillis(9_999));
        assertSame(first, readings.of("c1", loaded, "bot", this::read));
        assertEquals(1, reads.get());
        clock.advance(Duration.ofMillis(1));
        assertNotSame(first, readings.of("c1", loaded, "bot", this::read), "after ten seconds it is read again (a scope renamed)");
        assertEquals(2, reads.get());
    }

    @Test
    void aReloadedClientIsReadAgainAtOnce() {
        ClientSnapshot first = readings.of("c1", clock.millis() - 5_000, "bot", this::read);
        assertNotSame(first, readings.of("c1", clock.millis() - 10, "bot", this::read), "Keycloak reloaded it: a new cache timestamp");
        assertEquals(2, reads.get());
    }

    @Test
    void anEntryLoadedThisVeryMillisecondIsNotKept() {
        long now = clock.millis();
        readings.of("c1", now, "bot", this::read);
        readings.of("c1", now, "bot", this::read);
        assertEquals(2, reads.get(), "a reload in the same millisecond could share the timestamp");
    }
}
