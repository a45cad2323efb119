package dev.nhiguard.shared;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The pack's meters, on the registry Keycloak serves at {@code /metrics} when started with
 * {@code --metrics-enabled=true} (Micrometer's global registry, which Keycloak's Prometheus registry joins; without
 * metrics it holds none and every call here is a cheap no-op). Prometheus names: {@code nhi_token_requests_total},
 * {@code nhi_refusals_total}, {@code nhi_sweep_actions_total}, {@code nhi_anomaly_flags_total},
 * {@code nhi_open_findings}, {@code nhi_identity_context_dropped_total}. Labels are realms, grants, decisions, rules
 * and codes, never a client id: their number does not grow with the realm.
 */
public final class NhiMetrics {

    /** A meter's name and label values: a request pays a map read with this key, not a meter builder. */
    private static final class Key {
        private final String name;
        private final String v1;
        private final String v2;
        private final String v3;
        private final String v4;
        private final int hash;

        Key(String name, String v1, String v2, String v3, String v4) {
            this.name = name;
            this.v1 = v1;
            this.v2 = v2;
            this.v3 = v3;
            this.v4 = v4;
            int h = name.hashCode();
            h = 31 * h + java.util.Objects.hashCode(v1);
            h = 31 * h + java.util.Objects.hashCode(v2);
            h = 31 * h + java.util.Objects.hashCode(v3);
            this.hash = 31 * h + java.util.Objects.hashCode(v4);
        }

        String name() { return name; }
        String v1() { return v1; }
        String v2() { return v2; }
        String v3() { return v3; }
        String v4() { return v4; }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.name.equals(name) && java.util.Objects.equals(k.v1, v1)
                    && java.util.Objects.equals(k.v2, v2) && java.util.Objects.equals(k.v3, v3) && java.util.Objects.equals(k.v4, v4);
        }
    }

    private static final Map<Key, LongAdder> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> GAUGES = new ConcurrentHashMap<>();

    private NhiMetrics() {
    }

    public static void tokenRequest(String realm, String grant, String decision) {
        counter(new Key("nhi.token.requests", realm, grant, decision, null), "Token requests of machine identities, by realm, grant and decision",
                "realm", "grant", "decision").increment();
    }

    /** A machine client's call of another endpoint it authenticates at (introspection, revocation, PAR, ...). */
    public static void endpointRequest(String realm, String endpoint, String decision) {
        counter(new Key("nhi.endpoint.requests", realm, endpoint, decision, null),
                "Machine identities' requests to other endpoints they authenticate at, by realm, endpoint and decision",
                "realm", "endpoint", "decision").increment();
    }

    public static void refusal(String realm, String rule, String reason, boolean enforced) {
        counter(new Key("nhi.refusals", realm, rule, reason, enforced ? "enforce" : "report-only"),
                "Refusals (and report-only would-be refusals) by realm, rule and OAuth error", "realm", "rule", "reason", "mode").increment();
    }

    public static void sweepAction(String realm, String action) {
        counter(new Key("nhi.sweep.actions", realm, action, null, null), "Actions the expiry sweep applied, by realm and action", "realm", "action")
                .increment();
    }

    public static void anomalyFlag(String realm, String kind) {
        counter(new Key("nhi.anomaly.flags", realm, kind, null, null), "Anomaly flags raised, by realm and kind", "realm", "kind").increment();
    }

    /** Set by the scheduled findings job, never computed on scrape. */
    public static void openFindings(String realm, String code, long count) {
        GAUGES.computeIfAbsent("nhi.open.findings|" + realm + "|" + code, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("nhi.open.findings", value, AtomicLong::get)
                    .description("Service-account clients with each inventory finding, as of the last findings job")
                    .tags("realm", realm, "code", code).register(registry());
            return value;
        }).set(count);
    }

    public static void droppedRecords(Supplier<Number> dropped) {
        FunctionCounter.builder("nhi.identity.context.dropped", dropped, s -> s.get().doubleValue())
                .description("Identity-context records dropped because the writer's queue was full").register(registry());
    }

    /**
     * A counter the request path increments in memory and Micrometer reads when scraped: a function counter over a
     * {@link LongAdder}, so an increment is one adder's, not a walk through every registry the global one holds.
     */
    private static LongAdder counter(Key key, String description, String... labels) {
        LongAdder counter = COUNTERS.get(key);
        return counter != null ? counter : COUNTERS.computeIfAbsent(key, k -> {
            String[] values = {k.v1(), k.v2(), k.v3(), k.v4()};
            String[] tags = new String[labels.length * 2];
            for (int i = 0; i < labels.length; i++) {
                tags[2 * i] = labels[i];
                tags[2 * i + 1] = values[i] == null ? "none" : values[i];
            }
            LongAdder adder = new LongAdder();
            FunctionCounter.builder(k.name(), adder, LongAdder::doubleValue).description(description).tags(tags).register(registry());
            return adder;
        });
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }
}
