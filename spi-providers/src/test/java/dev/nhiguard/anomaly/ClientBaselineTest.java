package dev.nhiguard.anomaly;

import dev.nhiguard.store.AnomalyRecords;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClientBaselineTest {

    private static final int HOUR = 500_000;

    @Test
    void theHourlyRateIsComparedWithTheAverageOfTheOtherActiveHoursInTheWindow() {
        ClientBaseline baseline = new ClientBaseline("realm", 0, List.of(), Map.of(HOUR - 2, 10L, HOUR - 1, 20L, HOUR - 500, 1000L));

        assertArrayEquals(new long[] {1, 15}, baseline.countHour(HOUR, HOUR - 100), "an hour outside the window does not count");
        assertArrayEquals(new long[] {2, 15}, baseline.countHour(HOUR, HOUR - 100));
        baseline.merge(List.of(), Map.of(HOUR - 3, 30L));
        assertArrayEquals(new long[] {3, 20}, baseline.countHour(HOUR, HOUR - 100), "another node's hours count once merged");
        assertArrayEquals(new long[] {1, 15}, baseline.countHour(HOUR + 1, HOUR - 99), "next hour: this hour's 3 join the average");
    }

    @Test
    void aValueIsNewOnlyAfterTheFirstOfItsKindAndEachIsWrittenOncePerFlush() {
        ClientBaseline baseline = new ClientBaseline("realm", 0, List.of(new AnomalyRecords.BaselineValue("network", "10.0.0.0/24", 0)), Map.of());

        assertEquals(ClientBaseline.Sighting.KNOWN, baseline.note("network", "10.0.0.0/24", 5));
        assertEquals(ClientBaseline.Sighting.NEW, baseline.note("network", "10.9.0.0/24", 6));
        assertEquals(ClientBaseline.Sighting.SEED, baseline.note("agent", "curl/8", 7));
        assertEquals(ClientBaseline.Sighting.KNOWN, baseline.note("network", "10.9.0.0/24", 8));

        ClientBaseline.Pending pending = baseline.drain();
        assertEquals(3, pending.values().size(), pending.toString());
        assertEquals(6, pending.values().stream().filter(v -> v.value().equals("10.9.0.0/24")).findFirst().orElseThrow().time(),
                "the first sighting of the period is kept");
        assertNull(baseline.drain(), "nothing seen since the flush");
    }
}
