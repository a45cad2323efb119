package dev.nhiguard.credentials;

import dev.nhiguard.shared.PackClock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.RealmReadCache;
import dev.nhiguard.shared.SafeText;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A realm's credential policy, in the spirit of Entra's application management policies: how long a shared secret may
 * live, how long before that its owner is warned, and at which tiers a machine client may no longer take a new shared
 * secret, each from its own moment ({@code secretFreeSince}, per tier: secrets met before it keep working until they
 * expire). Kept as realm attributes ({@code nhi.credential.*}) so it travels with the realm's JSON; the inventory and
 * {@code nhi-credential-policy} judge by it alike.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"secretMaxAgeDays", "secretWarningDays", "secretFreeTiers", "secretFreeSince"})
public record CredentialPolicy(int secretMaxAgeDays, int secretWarningDays, List<String> secretFreeTiers, Map<String, String> secretFreeSince) {

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
        return new CredentialPolicy(DEFAULT_MAX_AGE, DEFAULT_WARNING, List.of(), Map.of());
    }

    /**
     * Whether a new shared secret is refused to a machine client with this {@code nhi.tier} attribute. A value that is
     * not a tier fails closed: secret-free when any tier is.
     */
    public boolean secretFree(String tierAttribute) {
        return Tier.isUnknown(tierAttribute) ? !secretFreeTiers.isEmpty() : secretFreeTiers.contains(Tier.of(tierAttribute).label());
    }

    /** From when secrets with this {@code nhi.tier} attribute are refused (for a value that is not a tier, the earliest); empty when none. */
    public Optional<Instant> secretFreeFrom(String tierAttribute) {
        if (Tier.isUnknown(tierAttribute)) {
            return secretFreeSince.values().stream().map(Instant::parse).min(Instant::compareTo);
        }
        String since = secretFreeSince.get(Tier.of(tierAttribute).label());
        return since == null ? Optional.empty() : Optional.of(Instant.parse(since));
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
        List<String> listed = tiers == null || tiers.isBlank() ? List.of() : tiers(tiers).orElse(List.of());
        if (since != null && !since.isBlank() && sinceByTier(since, listed).isEmpty()) {
            problems.add(NhiMessages.format("nhiSettingSinceStored", FREE_SINCE));
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

    /** A whole number written as digits only, as the policy endpoint takes it (no sign, no spaces). */
    static Optional<Integer> number(String text, int min, int max) {
        java.util.OptionalInt value = dev.nhiguard.http.WholeNumbers.inRange(text, min, max);
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
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

    /** The earliest moment a policy may name: before it, no secret was met. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** A UTC instant ({@code Z}) from 2000 to now. */
    static Optional<Instant> instant(String text) {
        if (!text.endsWith("Z") || !text.equals(text.trim())) {
            return Optional.empty();
        }
        try {
            Instant parsed = Instant.parse(text);
            return parsed.isAfter(PackClock.now()) || parsed.isBefore(EARLIEST) ? Optional.empty() : Optional.of(parsed);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The stored moments per tier: {@code tier=instant} pairs, comma-separated, one for each listed tier; or one
     * instant for all of them (as realm JSON written by hand may say). Empty when any part is unreadable.
     */
    static Optional<Map<String, String>> sinceByTier(String stored, List<String> tiers) {
        Map<String, String> since = new LinkedHashMap<>();
        if (!stored.contains("=")) {
            Optional<Instant> all = instant(stored.trim());
            all.ifPresent(at -> tiers.forEach(tier -> since.put(tier, at.toString())));
            return all.isPresent() ? Optional.of(since) : Optional.empty();
        }
        for (String part : stored.split(",", -1)) {
            String[] pair = part.trim().split("=", -1);
            if (pair.length != 2 || Arrays.stream(Tier.values()).noneMatch(t -> t.label().equals(pair[0])) || since.containsKey(pair[0])) {
                return Optional.empty();
            }
            Optional<Instant> at = instant(pair[1]);
            if (at.isEmpty()) {
                return Optional.empty();
            }
            since.put(pair[0], at.get().toString());
        }
        return tiers.stream().allMatch(since::containsKey) ? Optional.of(since) : Optional.empty();
    }

    private static final RealmReadCache<CredentialPolicy> CACHE = new RealmReadCache<>(CredentialPolicy::of);

    /** The realm's policy for the token path, read at most every five seconds per node (a change applies on other nodes within that). */
    public static CredentialPolicy cached(RealmModel realm) {
        return CACHE.get(realm);
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
        Optional<Map<String, String>> since = storedSince == null || storedSince.isBlank() ? Optional.empty() : sinceByTier(storedSince, tiers);
        if (!tiers.isEmpty() && since.isEmpty()) {
            warn(realmName, FREE_SINCE, storedSince, "the secret-free tiers apply from a date each; not all are readable, so they are off");
            tiers = List.of();
        }
        if (storedTiers != null && !storedTiers.isBlank() && tiers(storedTiers).isEmpty()) {
            warn(realmName, FREE_TIERS, storedTiers, "not a list of tiers, so no tier is secret-free");
        }
        Map<String, String> byTier = new LinkedHashMap<>();
        for (String tier : tiers) {
            byTier.put(tier, since.get().get(tier));
        }
        return new CredentialPolicy(maxAge, warning, tiers, byTier);
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
        CACHE.forget(realm.getId());
        realm.setAttribute(MAX_AGE, String.valueOf(secretMaxAgeDays));
        realm.setAttribute(WARNING, String.valueOf(secretWarningDays));
        if (secretFreeTiers.isEmpty()) {
            realm.removeAttribute(FREE_TIERS);
            realm.removeAttribute(FREE_SINCE);
        } else {
            realm.setAttribute(FREE_TIERS, String.join(",", secretFreeTiers));
            realm.setAttribute(FREE_SINCE, String.join(",", secretFreeTiers.stream().map(tier -> tier + "=" + secretFreeSince.get(tier)).toList()));
        }
    }
}
