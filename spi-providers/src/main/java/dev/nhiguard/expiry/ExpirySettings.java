package dev.nhiguard.expiry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.util.Map;

/**
 * A realm's expiry settings, kept as realm attributes ({@code nhi.expiry.*}) so that they travel with the realm's
 * JSON export and import. Numbers are days unless named otherwise. Unreadable stored values (from an import) fall
 * back to the default, with a warning: a typo never turns the sweep destructive.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"mode", "unusedDays", "reviewGraceDays", "ownerGraceDays", "deleteAfterDays", "sweepIntervalHours"})
public record ExpirySettings(String mode, int unusedDays, int reviewGraceDays, int ownerGraceDays, int deleteAfterDays,
                            int sweepIntervalHours) {

    private static final Logger LOG = Logger.getLogger(ExpirySettings.class);

    static final String PREFIX = "nhi.expiry.";

    /** One setting: its JSON key, realm attribute, default and range. */
    enum Setting {
        UNUSED_DAYS("unusedDays", "unused-days", 90, 1, 3650),
        REVIEW_GRACE_DAYS("reviewGraceDays", "review-grace-days", 14, 0, 3650),
        OWNER_GRACE_DAYS("ownerGraceDays", "owner-grace-days", 14, 0, 3650),
        DELETE_AFTER_DAYS("deleteAfterDays", "delete-after-days", 30, 1, 3650),
        SWEEP_INTERVAL_HOURS("sweepIntervalHours", "sweep-interval-hours", 24, 1, 8760);

        final String key;
        final String attribute;
        final int defaultValue;
        final int min;
        final int max;

        Setting(String key, String attribute, int defaultValue, int min, int max) {
            this.key = key;
            this.attribute = PREFIX + attribute;
            this.defaultValue = defaultValue;
            this.min = min;
            this.max = max;
        }

        boolean accepts(String stored) {
            try {
                int value = Integer.parseInt(stored.trim());
                return value >= min && value <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        int read(RealmModel realm) {
            String stored = realm.getAttribute(attribute);
            if (stored == null || stored.isBlank()) {
                return defaultValue;
            }
            if (accepts(stored)) {
                return Integer.parseInt(stored.trim());
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
        return new ExpirySettings(ExpiryMode.REPORT.label(), Setting.UNUSED_DAYS.defaultValue, Setting.REVIEW_GRACE_DAYS.defaultValue,
                Setting.OWNER_GRACE_DAYS.defaultValue, Setting.DELETE_AFTER_DAYS.defaultValue, Setting.SWEEP_INTERVAL_HOURS.defaultValue);
    }

    public static ExpirySettings of(RealmModel realm) {
        String stored = realm.getAttribute(MODE_ATTRIBUTE);
        ExpiryMode mode = ExpiryMode.parse(stored).orElse(ExpiryMode.REPORT);
        if (stored != null && !stored.isBlank() && ExpiryMode.parse(stored).isEmpty()) {
            LOG.warnf("realm %s: %s='%s' is not a mode; the sweep only reports", realm.getName(), MODE_ATTRIBUTE, stored);
        }
        return new ExpirySettings(mode.label(), Setting.UNUSED_DAYS.read(realm), Setting.REVIEW_GRACE_DAYS.read(realm),
                Setting.OWNER_GRACE_DAYS.read(realm), Setting.DELETE_AFTER_DAYS.read(realm), Setting.SWEEP_INTERVAL_HOURS.read(realm));
    }

    public ExpiryMode expiryMode() {
        return ExpiryMode.parse(mode).orElse(ExpiryMode.REPORT);
    }

    /** Writes every setting to the realm's attributes. */
    public void store(RealmModel realm) {
        realm.setAttribute(MODE_ATTRIBUTE, expiryMode().label());
        Map<Setting, Integer> values = Map.of(Setting.UNUSED_DAYS, unusedDays, Setting.REVIEW_GRACE_DAYS, reviewGraceDays,
                Setting.OWNER_GRACE_DAYS, ownerGraceDays, Setting.DELETE_AFTER_DAYS, deleteAfterDays, Setting.SWEEP_INTERVAL_HOURS, sweepIntervalHours);
        values.forEach((setting, value) -> realm.setAttribute(setting.attribute, String.valueOf(value)));
    }
}
