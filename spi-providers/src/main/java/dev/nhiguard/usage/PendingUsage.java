package dev.nhiguard.usage;

import java.util.HashMap;
import java.util.Map;

/**
 * What one node saw of one client since its last flush: counts and latest facts per day, per scope, and the last
 * certificate. Changed under its own monitor; {@link UsageBuffer} takes it.
 */
public final class PendingUsage {

    /** Counts of one day. */
    public static final class Day {
        int successes;
        int refusals;

        public int successes() { return successes; }
        public int refusals() { return refusals; }
    }

    /** When a scope was last asked for and last granted; updated in place, a request allocates nothing for it. */
    public static final class Scope {
        private Long lastRequested;
        private Long lastGranted;

        public Long lastRequested() { return lastRequested; }
        public Long lastGranted() { return lastGranted; }

        void requested(long time) {
            if (lastRequested == null || time > lastRequested) {
                lastRequested = time;
            }
        }

        void granted(long time) {
            if (lastGranted == null || time > lastGranted) {
                lastGranted = time;
            }
        }

        Scope merge(Scope other) {
            lastRequested = latest(lastRequested, other.lastRequested);
            lastGranted = latest(lastGranted, other.lastGranted);
            return this;
        }
    }

    /** The certificate last presented over mutual TLS. */
    public record Certificate(String thumbprint, long notAfter, long seenAt) {
    }

    private final String realmId;
    private final String clientId;
    private final Map<Integer, Day> days = new HashMap<>();
    private Long lastSuccess;
    private Long lastRefusal;
    /** The last request that named this client but failed its authentication: kept apart, it counts as no use. */
    private Long lastFailedAuthentication;
    /** Address and grant of the last successful request. */
    private String lastAddress;
    private String lastGrant;
    private final Map<String, Scope> scopes = new HashMap<>();
    private Certificate certificate;
    /** The day most requests fall in, so a request looks up no map for it. */
    private int lastDay = Integer.MIN_VALUE;
    private Day lastDayCounts;

    PendingUsage(String realmId, String clientId) {
        this.realmId = realmId;
        this.clientId = clientId;
    }

    void add(Observation o) {
        if (!o.authenticated()) {
            lastFailedAuthentication = latest(lastFailedAuthentication, o.time());
            return;
        }
        int epochDay = epochDay(o.time());
        Day day = epochDay == lastDay ? lastDayCounts : days.computeIfAbsent(epochDay, d -> new Day());
        lastDay = epochDay;
        lastDayCounts = day;
        if (o.granted()) {
            day.successes++;
            if (lastSuccess == null || o.time() >= lastSuccess) {
                lastSuccess = o.time();
                lastAddress = o.address();
                lastGrant = o.grant();
            }
        } else {
            day.refusals++;
            lastRefusal = latest(lastRefusal, o.time());
        }
        for (String scope : o.requestedScopes()) {
            scopes.computeIfAbsent(scope, s -> new Scope()).requested(o.time());
        }
        for (String scope : o.grantedScopes()) {
            scopes.computeIfAbsent(scope, s -> new Scope()).granted(o.time());
        }
    }

    /** Taken out of the buffer by a flush: what is added now belongs to a new entry. */
    private boolean takenOut;

    synchronized boolean addUnlessTakenOut(Observation o) {
        if (takenOut) {
            return false;
        }
        add(o);
        return true;
    }

    synchronized void takeOut() {
        takenOut = true;
    }

    /** Back in the buffer after a flush failed. */
    synchronized void putBack() {
        takenOut = false;
    }

    void certificate(Certificate seen) {
        if (certificate == null || seen.seenAt() >= certificate.seenAt()) {
            certificate = seen;
        }
    }

    /** Folds in what a failed flush could not write, so nothing seen is lost. */
    void merge(PendingUsage older) {
        older.days.forEach((epochDay, day) -> days.merge(epochDay, day, (mine, theirs) -> {
            mine.successes += theirs.successes;
            mine.refusals += theirs.refusals;
            return mine;
        }));
        if (older.lastSuccess != null && (lastSuccess == null || older.lastSuccess > lastSuccess)) {
            lastSuccess = older.lastSuccess;
            lastAddress = older.lastAddress;
            lastGrant = older.lastGrant;
        }
        lastRefusal = latest(lastRefusal, older.lastRefusal);
        lastFailedAuthentication = latest(lastFailedAuthentication, older.lastFailedAuthentication);
        older.scopes.forEach((scope, seen) -> scopes.merge(scope, seen, Scope::merge));
        if (older.certificate != null) {
            certificate(older.certificate);
        }
    }

    public String realmId() { return realmId; }
    public String clientId() { return clientId; }
    public Map<Integer, Day> days() { return days; }
    public Long lastSuccess() { return lastSuccess; }
    public Long lastRefusal() { return lastRefusal; }
    public Long lastFailedAuthentication() { return lastFailedAuthentication; }
    public String lastAddress() { return lastAddress; }
    public String lastGrant() { return lastGrant; }
    public Map<String, Scope> scopes() { return scopes; }
    public Certificate certificate() { return certificate; }

    static int epochDay(long epochMillis) {
        return (int) Math.floorDiv(epochMillis, 86_400_000L);
    }

    static Long latest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
