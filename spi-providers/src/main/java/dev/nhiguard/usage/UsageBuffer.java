package dev.nhiguard.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node has seen and not yet written. The token path only adds to memory here; a flush takes everything out
 * at once and writes each client once. Per client, adding and taking out are atomic, so a token request racing a
 * flush lands either in this flush or in the next: a request adds under its client's own lock (no map write), and
 * a client taken out is marked so, under that lock, so a request that still holds it starts a new one instead.
 */
public final class UsageBuffer {

    private final ConcurrentHashMap<String, PendingUsage> pending = new ConcurrentHashMap<>();

    public void add(Observation observation) {
        PendingUsage known = pending.get(observation.clientId());
        if (known != null && known.addUnlessTakenOut(observation)) {
            return;
        }
        pending.compute(observation.clientId(), (id, usage) -> {
            PendingUsage target = usage != null ? usage : new PendingUsage(observation.realmId(), id);
            synchronized (target) {
                target.add(observation);
            }
            return target;
        });
    }

    public void certificate(String realmId, String clientId, PendingUsage.Certificate certificate) {
        pending.compute(clientId, (id, usage) -> {
            PendingUsage target = usage != null ? usage : new PendingUsage(realmId, id);
            synchronized (target) {
                target.certificate(certificate);
            }
            return target;
        });
    }

    /** Takes out everything seen so far. */
    public List<PendingUsage> drain() {
        List<PendingUsage> drained = new ArrayList<>();
        for (String clientId : pending.keySet()) {
            PendingUsage usage = pending.remove(clientId);
            if (usage != null) {
                usage.takeOut();
                drained.add(usage);
            }
        }
        return drained;
    }

    /** Puts back what a flush could not write; it is written with the next one. */
    public void restore(List<PendingUsage> unwritten) {
        for (PendingUsage usage : unwritten) {
            usage.putBack();
            pending.merge(usage.clientId(), usage, (newer, older) -> {
                synchronized (newer) {
                    newer.merge(older);
                }
                return newer;
            });
        }
    }

    public int size() {
        return pending.size();
    }
}
