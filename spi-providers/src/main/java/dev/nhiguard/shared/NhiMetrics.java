package dev.nhiguard.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> GAUGES = new ConcurrentHashMap<>();

    private NhiMetrics() {
    }

    public static void tokenRequest(String realm, String grant, String decision) {
        counter("nhi.token.requests", "Token requests of machine identities, by realm, grant and decision",
                "realm", realm, "grant", grant, "decision", decision).increment();
    }

    public static void refusal(String realm, String rule, String reason, boolean enforced) {
        counter("nhi.refusals", "Refusals (and report-only would-be refusals) by realm, rule and OAuth error",
                "realm", realm, "rule", rule, "reason", reason, "mode", enforced ? "enforce" : "report-only").increment();
    }

    public static void sweepAction(String realm, String action) {
        counter("nhi.sweep.actions", "Actions the expiry sweep applied, by realm and action", "realm", realm, "action", action).increment();
    }

    public static void anomalyFlag(String realm, String kind) {
        counter("nhi.anomaly.flags", "Anomaly flags raised, by realm and kind", "realm", realm, "kind", kind).increment();
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
        io.micrometer.core.instrument.FunctionCounter.builder("nhi.identity.context.dropped", dropped, s -> s.get().doubleValue())
                .description("Identity-context records dropped because the writer's queue was full").register(registry());
    }

    private static Counter counter(String name, String description, String... tags) {
        // one lookup key per label set, so a hot path pays a map read, not a meter builder
        StringBuilder key = new StringBuilder(name);
        for (String tag : tags) {
            key.append('|').append(tag);
        }
        return COUNTERS.computeIfAbsent(key.toString(), k -> {
            String[] safe = tags.clone();
            for (int i = 1; i < safe.length; i += 2) {
                safe[i] = safe[i] == null ? "none" : safe[i];
            }
            return Counter.builder(name).description(description).tags(safe).register(registry());
        });
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }
}
