package dev.nhiguard.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.nhiguard.shared.RealmReadCache;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.util.Map;

/**
 * A realm's expiry settings, kept as realm attributes ({@code nhi.expiry.*}) so that they travel with the realm's
 * JSON export and import. Numbers are days unless named otherwise. Unreadable stored values (from an import) fall
 * back to the default, with a warning: a typo never turns the sweep destructive.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"mode", "unusedDays", "reviewGraceDays", "ownerGraceDays", "deleteAfterDays", "sweepIntervalHours",
        "reviewIntervalDays", "reminderDays", "anomalyLearningHours", "anomalyBaselineDays", "anomalyIpv4Prefix", "anomalyIpv6Prefix",
        "anomalyRateMultiple", "anomalyRateFloor", "anomalyRefusalBurst"})
public record ExpirySettings(String mode, int unusedDays, int reviewGraceDays, int ownerGraceDays, int deleteAfterDays,
                            int sweepIntervalHours, int reviewIntervalDays, int reminderDays, int anomalyLearningHours,
                            int anomalyBaselineDays, int anomalyIpv4Prefix, int anomalyIpv6Prefix, int anomalyRateMultiple,
                            int anomalyRateFloor, int anomalyRefusalBurst) {

    private static final Logger LOG = Logger.getLogger(ExpirySettings.class);

    static final String PREFIX = "nhi.expiry.";

    /** The window within which a client or a scope counts as used. */
    public UnusedWindow unusedWindow() {
        return new UnusedWindow(unusedDays);
    }

    /** One setting: its JSON key, realm attribute, default and range. */
    enum Setting {
        UNUSED_DAYS("unusedDays", PREFIX + "unused-days", 90, 1, 3650),
        REVIEW_GRACE_DAYS("reviewGraceDays", PREFIX + "review-grace-days", 14, 0, 3650),
        OWNER_GRACE_DAYS("ownerGraceDays", PREFIX + "owner-grace-days", 14, 0, 3650),
        DELETE_AFTER_DAYS("deleteAfterDays", PREFIX + "delete-after-days", 30, 1, 3650),
        SWEEP_INTERVAL_HOURS("sweepIntervalHours", PREFIX + "sweep-interval-hours", 24, 1, 8760),
        /** An owner's attestation moves the review date this far ahead. */
        REVIEW_INTERVAL_DAYS("reviewIntervalDays", "nhi.review.interval-days", 90, 1, 365),
        /** Owners are reminded this many days before the review date (0: only when overdue). */
        REMINDER_DAYS("reminderDays", "nhi.review.reminder-days", 14, 0, 365),
        /** A new client's first hours: what it does enters its baseline without flags (0: from its second request). */
        ANOMALY_LEARNING_HOURS("anomalyLearningHours", "nhi.anomaly.learning-hours", 168, 0, 8760),
        /** A network, user agent or certificate not seen for this long leaves the baseline; the hourly rate averages over it. */
        ANOMALY_BASELINE_DAYS("anomalyBaselineDays", "nhi.anomaly.baseline-days", 30, 1, 365),
        /** Source addresses are compared by network: IPv4 prefix length. */
        ANOMALY_IPV4_PREFIX("anomalyIpv4Prefix", "nhi.anomaly.ipv4-prefix", 24, 8, 32),
        ANOMALY_IPV6_PREFIX("anomalyIpv6Prefix", "nhi.anomaly.ipv6-prefix", 64, 16, 128),
        /** RATE_SPIKE: an hour with more than this many times the baseline's average active hour... */
        ANOMALY_RATE_MULTIPLE("anomalyRateMultiple", "nhi.anomaly.rate-multiple", 10, 2, 1000),
        /** ...and more than this many requests. */
        ANOMALY_RATE_FLOOR("anomalyRateFloor", "nhi.anomaly.rate-floor", 100, 1, 1_000_000),
        /** REFUSAL_BURST: this many refused requests within ten minutes. */
        ANOMALY_REFUSAL_BURST("anomalyRefusalBurst", "nhi.anomaly.refusal-burst", 20, 1, 100_000);

        final String key;
        final String attribute;
        final int defaultValue;
        final int min;
        final int max;

        Setting(String key, String attribute, int defaultValue, int min, int max) {
            this.key = key;
            this.attribute = attribute;
            this.defaultValue = defaultValue;
            this.min = min;
            this.max = max;
        }

        boolean accepts(String stored) {
            return dev.nhiguard.http.WholeNumbers.inRange(stored, min, max).isPresent();
        }

        int read(RealmModel realm) {
            String stored = realm.getAttribute(attribute);
            if (stored == null || stored.isBlank()) {
                return defaultValue;
            }
            java.util.OptionalInt value = dev.nhiguard.http.WholeNumbers.inRange(stored, min, max);
            if (value.isPresent()) {
                return value.getAsInt();
            }
            LOG.warnf("realm %s: %s='%s' is not a whole number from %d to %d; using %d", realm.getName(), attribute, stored, min, max, defaultValue);
            return defaultValue;
        }
    }

    static final String MODE_ATTRIBUTE = PREFIX + "mode";

    /**
     * What is wrong with the realm's stored settings, each problem naming its attribute; empty when all are readable.
     * Realm JSON (create, update, import) is checked with this, as the settings endpoint checks its body.
     */
    public static java.util.List<String> problems(java.util.function.Function<String, String> attributes) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        String mode = attributes.apply(MODE_ATTRIBUTE);
        if (mode != null && !mode.isBlank() && ExpiryMode.parse(mode).isEmpty()) {
            problems.add(MODE_ATTRIBUTE + ": " + dev.nhiguard.shared.NhiMessages.format("nhiSettingModeValue",
                    dev.nhiguard.shared.SafeText.echo(mode, 40)));
        }
        for (Setting setting : Setting.values()) {
            String stored = attributes.apply(setting.attribute);
            if (stored != null && !stored.isBlank() && !setting.accepts(stored)) {
                problems.add(dev.nhiguard.shared.NhiMessages.format("nhiSettingRange", setting.attribute, setting.min, setting.max));
            }
        }
        return problems;
    }

    public static ExpirySettings defaults() {
        Map<Setting, Integer> values = new java.util.EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue);
        }
        return of(ExpiryMode.REPORT.label(), values);
    }

    /** The settings from a mode and a value for every setting. */
    static ExpirySettings of(String mode, Map<Setting, Integer> values) {
        return new ExpirySettings(mode, values.get(Setting.UNUSED_DAYS), values.get(Setting.REVIEW_GRACE_DAYS),
                values.get(Setting.OWNER_GRACE_DAYS), values.get(Setting.DELETE_AFTER_DAYS), values.get(Setting.SWEEP_INTERVAL_HOURS),
                values.get(Setting.REVIEW_INTERVAL_DAYS), values.get(Setting.REMINDER_DAYS), values.get(Setting.ANOMALY_LEARNING_HOURS),
                values.get(Setting.ANOMALY_BASELINE_DAYS), values.get(Setting.ANOMALY_IPV4_PREFIX), values.get(Setting.ANOMALY_IPV6_PREFIX),
                values.get(Setting.ANOMALY_RATE_MULTIPLE), values.get(Setting.ANOMALY_RATE_FLOOR), values.get(Setting.ANOMALY_REFUSAL_BURST));
    }

    int value(Setting setting) {
        return switch (setting) {
            case UNUSED_DAYS -> unusedDays;
            case REVIEW_GRACE_DAYS -> reviewGraceDays;
            case OWNER_GRACE_DAYS -> ownerGraceDays;
            case DELETE_AFTER_DAYS -> deleteAfterDays;
            case SWEEP_INTERVAL_HOURS -> sweepIntervalHours;
            case REVIEW_INTERVAL_DAYS -> reviewIntervalDays;
            case REMINDER_DAYS -> reminderDays;
            case ANOMALY_LEARNING_HOURS -> anomalyLearningHours;
            case ANOMALY_BASELINE_DAYS -> anomalyBaselineDays;
            case ANOMALY_IPV4_PREFIX -> anomalyIpv4Prefix;
            case ANOMALY_IPV6_PREFIX -> anomalyIpv6Prefix;
            case ANOMALY_RATE_MULTIPLE -> anomalyRateMultiple;
            case ANOMALY_RATE_FLOOR -> anomalyRateFloor;
            case ANOMALY_REFUSAL_BURST -> anomalyRefusalBurst;
        };
    }

    private static final RealmReadCache<ExpirySettings> CACHE = new RealmReadCache<>(ExpirySettings::of);

    /**
     * The realm's settings for the token path, read at most every five seconds per node: a change through the
     * settings endpoint applies on this node at once, on other nodes (and after a realm import) within five seconds.
     */
    public static ExpirySettings cached(RealmModel realm) {
        return CACHE.get(realm);
    }

    public static ExpirySettings of(RealmModel realm) {
        String stored = realm.getAttribute(MODE_ATTRIBUTE);
        ExpiryMode mode = ExpiryMode.parse(stored).orElse(ExpiryMode.REPORT);
        if (stored != null && !stored.isBlank() && ExpiryMode.parse(stored).isEmpty()) {
            LOG.warnf("realm %s: %s='%s' is not a mode; the sweep only reports", realm.getName(), MODE_ATTRIBUTE, stored);
        }
        Map<Setting, Integer> values = new java.util.EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.read(realm));
        }
        return of(mode.label(), values);
    }

    public ExpiryMode expiryMode() {
        return ExpiryMode.parse(mode).orElse(ExpiryMode.REPORT);
    }

    /** Writes every setting to the realm's attributes. */
    public void store(RealmModel realm) {
        CACHE.forget(realm.getId());
        realm.setAttribute(MODE_ATTRIBUTE, expiryMode().label());
        for (Setting setting : Setting.values()) {
            realm.setAttribute(setting.attribute, String.valueOf(value(setting)));
        }
    }
}
