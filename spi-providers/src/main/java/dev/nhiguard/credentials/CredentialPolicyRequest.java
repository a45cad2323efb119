package dev.nhiguard.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code PUT credential-policy} body over the current policy: keys left out keep their value. Every problem is
 * named at once, and nothing is written unless all of it is right. A tier made secret-free without a date starts the
 * rule now (a secret a client holds today keeps working until it expires); a tier that stays keeps its own moment.
 */
final class CredentialPolicyRequest {

    static final String MAX_AGE = "secretMaxAgeDays";
    static final String WARNING = "secretWarningDays";
    static final String FREE_TIERS = "secretFreeTiers";
    static final String FREE_SINCE = "secretFreeSince";
    private static final Set<String> KEYS = Set.of(MAX_AGE, WARNING, FREE_TIERS, FREE_SINCE);

    private CredentialPolicyRequest() {
    }

    record Result(Optional<CredentialPolicy> policy, List<String> problems) {
    }

    static Result read(JsonNode body, CredentialPolicy current, Instant now) {
        if (body == null || !body.isObject()) {
            return new Result(Optional.empty(), List.of(NhiMessages.format("nhiCredentialPolicyNotAnObject")));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(NhiMessages.format("nhiSettingUnknown", SafeText.echo(name, 40), String.join(", ", MAX_AGE, WARNING, FREE_TIERS, FREE_SINCE)));
            }
        }
        int maxAge = number(body.get(MAX_AGE), MAX_AGE, current.secretMaxAgeDays(), CredentialPolicy.MAX_AGE_MIN, CredentialPolicy.MAX_AGE_MAX, problems);
        int warning = number(body.get(WARNING), WARNING, current.secretWarningDays(), 0, CredentialPolicy.WARNING_MAX, problems);
        List<String> tiers = current.secretFreeTiers();
        JsonNode tiersNode = body.get(FREE_TIERS);
        if (tiersNode != null) {
            Optional<List<String>> read = tiers(tiersNode);
            if (read.isEmpty()) {
                problems.add(NhiMessages.format("nhiSettingTiers", FREE_TIERS));
            } else {
                tiers = read.get();
            }
        }
        // each tier keeps its moment; a tier newly secret-free starts now (not for the secrets clients hold already),
        // unless the body names its moment
        Map<String, String> since = new LinkedHashMap<>();
        for (String tier : tiers) {
            since.put(tier, current.secretFreeSince().getOrDefault(tier, now.toString()));
        }
        JsonNode sinceNode = body.get(FREE_SINCE);
        if (sinceNode != null && !sinceNode.isNull()) {
            readSince(sinceNode, tiers, since, problems);
        }
        if (problems.isEmpty() && warning >= maxAge) {
            problems.add(NhiMessages.format("nhiSettingWarningWithinAge", maxAge));
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new CredentialPolicy(maxAge, warning, tiers, since)), List.of());
    }

    /** One UTC instant for every listed tier, or an object naming listed tiers only, each with its instant. */
    private static void readSince(JsonNode node, List<String> tiers, Map<String, String> since, List<String> problems) {
        if (node.isTextual()) {
            Optional<Instant> all = CredentialPolicy.instant(node.asText());
            if (all.isEmpty()) {
                problems.add(NhiMessages.format("nhiSettingInstant", FREE_SINCE));
            } else {
                tiers.forEach(tier -> since.put(tier, all.get().toString()));
            }
            return;
        }
        if (!node.isObject()) {
            problems.add(NhiMessages.format("nhiSettingSince", FREE_SINCE));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<Instant> at = field.getValue().isTextual() ? CredentialPolicy.instant(field.getValue().asText()) : Optional.empty();
            if (!tiers.contains(field.getKey())) {
                problems.add(NhiMessages.format("nhiSettingSinceTier", FREE_SINCE + "." + SafeText.echo(field.getKey(), 20), FREE_TIERS));
            } else if (at.isEmpty()) {
                problems.add(NhiMessages.format("nhiSettingInstant", FREE_SINCE + "." + field.getKey()));
            } else {
                since.put(field.getKey(), at.get().toString());
            }
        }
    }

    private static int number(JsonNode node, String key, int current, int min, int max, List<String> problems) {
        if (node == null) {
            return current;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            problems.add(NhiMessages.format("nhiSettingRange", key, min, max));
            return current;
        }
        return node.asInt();
    }

    /** A JSON array of exact tier labels, each at most once. */
    private static Optional<List<String>> tiers(JsonNode node) {
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            Optional<List<String>> one = CredentialPolicy.tiers(element.asText());
            if (one.isEmpty() || one.get().size() != 1 || !one.get().get(0).equals(element.asText()) || labels.contains(element.asText())) {
                return Optional.empty(); // "high,critical" in one element, padding or a repeat: ambiguous, refused
            }
            labels.add(element.asText());
        }
        return Optional.of(List.copyOf(labels));
    }
}
