package dev.nhiguard.credentials;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A realm's credential policy, in the spirit of Entra's application management policies: how long a shared secret may
 * live, how long before that its owner is warned, and at which tiers a machine client may no longer take a new shared
 * secret (secrets issued before {@code secretFreeSince} keep working until they expire). Kept as realm attributes
 * ({@code nhi.credential.*}) so it travels with the realm's JSON; the inventory and {@code nhi-credential-policy} judge
 * by it alike.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"secretMaxAgeDays", "secretWarningDays", "secretFreeTiers", "secretFreeSince"})
public record CredentialPolicy(int secretMaxAgeDays, int secretWarningDays, List<String> secretFreeTiers, String secretFreeSince) {

    private static final Logger LOG = Logger.getLogger(CredentialPolicy.class);

    static final String PREFIX = "nhi.credential.";
    static final String MAX_AGE = PREFIX + "secret-max-age-days";
    static final String WARNING = PREFIX + "secret-warning-days";
    static final String FREE_TIERS = PREFIX + "secret-free-tiers";
    static final String FREE_SINCE = PREFIX + "secret-free-since";

    static final int DEFAULT_MAX_AGE = 90;
    static final int DEFAULT_WARNING = 14;
    static final int MAX_AGE_MIN = 1;
    static final int MAX_AGE_MAX = 3650;
    static final int WARNING_MAX = 365;

    public static CredentialPolicy defaults() {
        return new CredentialPolicy(DEFAULT_MAX_AGE, DEFAULT_WARNING, List.of(), null);
    }

    /** Whether a new shared secret is refused to a machine client at this tier. */
    public boolean secretFree(Tier tier) {
        return secretFreeTiers.contains(tier.label());
    }

    /** From when secrets at a secret-free tier are refused; empty when no tier is secret-free. */
    @JsonIgnore
    public Optional<Instant> secretFreeFrom() {
        return secretFreeSince == null ? Optional.empty() : Optional.of(Instant.parse(secretFreeSince));
    }

    /**
     * What is wrong with a realm's stored policy, each problem naming its attribute; empty when all of it is readable.
     * Realm JSON (create, update, import) is checked with this, as the policy endpoint checks its body.
     */
    public static List<String> problems(Function<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        range(attributes.apply(MAX_AGE), MAX_AGE, MAX_AGE_MIN, MAX_AGE_MAX, problems);
        range(attributes.apply(WARNING), WARNING, 0, WARNING_MAX, problems);
        String tiers = attributes.apply(FREE_TIERS);
        if (tiers != null && !tiers.isBlank() && tiers(tiers).isEmpty()) {
            problems.add(NhiMessages.format("nhiSettingTiers", FREE_TIERS));
        }
        String since = attributes.apply(FREE_SINCE);
        if (since != null && !since.isBlank() && instant(since).isEmpty()) {
            problems.add(NhiMessages.format("nhiSettingInstant", FREE_SINCE));
        }
        if (tiers != null && !tiers.isBlank() && (since == null || since.isBlank())) {
            problems.add(NhiMessages.format("nhiSettingSinceRequired", FREE_SINCE, FREE_TIERS));
        }
        if (problems.isEmpty()) {
            int maxAge = readNumber(attributes, MAX_AGE, DEFAULT_MAX_AGE, MAX_AGE_MIN, MAX_AGE_MAX, null);
            if (readNumber(attributes, WARNING, DEFAULT_WARNING, 0, WARNING_MAX, null) >= maxAge) {
                problems.add(NhiMessages.format("nhiSettingWarningWithinAge", maxAge));
            }
        }
        return problems;
    }

    private static void range(String stored, String attribute, int min, int max, List<String> problems) {
        if (stored != null && !stored.isBlank() && number(stored, min, max).isEmpty()) {
            problems.add(NhiMessages.format("nhiSettingRange", attribute, min, max));
        }
    }

    static Optional<Integer> number(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= min && value <= max ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tier labels, comma-separated as stored; empty when any of them is not a tier (exact labels only: no guessing here). */
    static Optional<List<String>> tiers(String stored) {
        List<String> labels = new ArrayList<>();
        for (String part : stored.split(",", -1)) {
            String label = part.trim();
            if (Arrays.stream(Tier.values()).noneMatch(t -> t.label().equals(label))) {
                return Optional.empty();
            }
            if (!labels.contains(label)) {
                labels.add(label);
            }
        }
        return Optional.of(List.copyOf(labels));
    }

    static Optional<Instant> instant(String text) {
        try {
            Instant parsed = Instant.parse(text.trim());
            return parsed.isAfter(Instant.now()) ? Optional.empty() : Optional.of(parsed);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private record Cached(CredentialPolicy policy, long readAt) {
    }

    private static final ConcurrentHashMap<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static final long CACHE_MILLIS = 5_000;

    /** The realm's policy for the token path, read at most every five seconds per node (a change applies on other nodes within that). */
    public static CredentialPolicy cached(RealmModel realm) {
        long now = System.currentTimeMillis();
        Cached cached = CACHE.get(realm.getId());
        if (cached == null || now - cached.readAt() > CACHE_MILLIS) {
            cached = new Cached(of(realm), now);
            CACHE.put(realm.getId(), cached);
        }
        return cached.policy();
    }

    public static CredentialPolicy of(RealmModel realm) {
        return read(realm::getAttribute, realm.getName());
    }

    /**
     * The policy as stored; an unreadable value falls back to its default with a warning, except that unreadable
     * secret-free tiers or a missing date leave the tier rule off: a typo never refuses a working client.
     */
    private static CredentialPolicy read(Function<String, String> attributes, String realmName) {
        int maxAge = readNumber(attributes, MAX_AGE, DEFAULT_MAX_AGE, MAX_AGE_MIN, MAX_AGE_MAX, realmName);
        int warning = readNumber(attributes, WARNING, DEFAULT_WARNING, 0, WARNING_MAX, realmName);
        if (warning >= maxAge) {
            warning = Math.min(DEFAULT_WARNING, maxAge - 1);
        }
        String storedTiers = attributes.apply(FREE_TIERS);
        String storedSince = attributes.apply(FREE_SINCE);
        List<String> tiers = storedTiers == null || storedTiers.isBlank() ? List.of() : tiers(storedTiers).orElse(List.of());
        Optional<Instant> since = storedSince == null || storedSince.isBlank() ? Optional.empty() : instant(storedSince);
        if (!tiers.isEmpty() && since.isEmpty()) {
            warn(realmName, FREE_SINCE, storedSince, "the secret-free tiers apply from a date; none is readable, so they are off");
            tiers = List.of();
        }
        if (storedTiers != null && !storedTiers.isBlank() && tiers(storedTiers).isEmpty()) {
            warn(realmName, FREE_TIERS, storedTiers, "not a list of tiers, so no tier is secret-free");
        }
        return new CredentialPolicy(maxAge, warning, tiers, tiers.isEmpty() ? null : since.get().toString());
    }

    private static int readNumber(Function<String, String> attributes, String attribute, int defaultValue, int min, int max, String realmName) {
        String stored = attributes.apply(attribute);
        if (stored == null || stored.isBlank()) {
            return defaultValue;
        }
        Optional<Integer> value = number(stored, min, max);
        if (value.isEmpty()) {
            warn(realmName, attribute, stored, "not a whole number from " + min + " to " + max + "; using " + defaultValue);
        }
        return value.orElse(defaultValue);
    }

    private static void warn(String realmName, String attribute, String stored, String what) {
        if (realmName != null) {
            LOG.warnf("realm %s: %s='%s' is %s", realmName, attribute, SafeText.echo(String.valueOf(stored), 80), what);
        }
    }

    /** Writes the policy to the realm's attributes. */
    public void store(RealmModel realm) {
        CACHE.remove(realm.getId());
        realm.setAttribute(MAX_AGE, String.valueOf(secretMaxAgeDays));
        realm.setAttribute(WARNING, String.valueOf(secretWarningDays));
        if (secretFreeTiers.isEmpty()) {
            realm.removeAttribute(FREE_TIERS);
            realm.removeAttribute(FREE_SINCE);
        } else {
            realm.setAttribute(FREE_TIERS, String.join(",", secretFreeTiers));
            realm.setAttribute(FREE_SINCE, secretFreeSince);
        }
    }
}
