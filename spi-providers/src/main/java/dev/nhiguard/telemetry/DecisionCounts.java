package dev.nhiguard.telemetry;

import dev.nhiguard.store.DecisionDays;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** Refusals and would-be refusals counted in memory on the token path, written per node by the flush timer. */
final class DecisionCounts {

    private record Key(String realmId, String clientId, int epochDay, String rule) {
    }

    private static final int REFUSED = 0;
    private static final int WOULD_REFUSE = 1;

    private volatile Map<Key, AtomicIntegerArray> counts = new ConcurrentHashMap<>();

    void add(String realmId, String clientId, long time, String rule, boolean enforced) {
        Key key = new Key(realmId, clientId, (int) Math.floorDiv(time, 86_400_000L), rule);
        counts.computeIfAbsent(key, k -> new AtomicIntegerArray(2)).incrementAndGet(enforced ? REFUSED : WOULD_REFUSE);
    }

    /** Writes what was counted so far; on failure the counts go back for the next flush. */
    void flush(EntityManager em, String node, java.util.function.BiPredicate<String, String> clientExists) {
        Map<Key, AtomicIntegerArray> drained = counts;
        if (drained.isEmpty()) {
            return;
        }
        counts = new ConcurrentHashMap<>();
        try {
            DecisionDays days = new DecisionDays(em);
            drained.forEach((key, value) -> {
                if (clientExists.test(key.realmId(), key.clientId())) {
                    days.add(key.realmId(), key.clientId(), node, key.epochDay(), key.rule(), value.get(REFUSED), value.get(WOULD_REFUSE));
                }
            });
            em.flush();
        } catch (RuntimeException e) {
            drained.forEach((key, value) -> counts.merge(key, value, (a, b) -> {
                a.addAndGet(REFUSED, b.get(REFUSED));
                a.addAndGet(WOULD_REFUSE, b.get(WOULD_REFUSE));
                return a;
            }));
            throw e;
        }
    }
}
