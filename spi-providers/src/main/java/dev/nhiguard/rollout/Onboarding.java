package dev.nhiguard.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pack's recommended client profiles and policies ({@code recommended-policies.json}: every pack executor, in
 * report-only), merged into what a realm has: an absent name is added after the realm's own, a name that holds the
 * same content is left as it is, and a name that holds other content is a conflict (the realm's own is never
 * replaced). The same content means the same executors in the same order, each with the recommended options at least
 * (Keycloak and an admin may add others), the same conditions with exactly the recommended options (an option of a
 * condition changes which clients the policy governs: negative logic inverts it), and for a policy the same profiles;
 * an executor's {@code mode} and a policy's switch are the admin's to change, so onboarding a realm again after
 * enforcing is no conflict. Pure.
 */
final class Onboarding {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode RECOMMENDED = load();

    record Plan(ArrayNode profiles, ArrayNode policies, List<String> addedProfiles, List<String> addedPolicies,
                List<String> unchangedProfiles, List<String> unchangedPolicies, List<String> conflicts) {

        boolean changes() {
            return !addedProfiles.isEmpty() || !addedPolicies.isEmpty();
        }
    }

    private Onboarding() {
    }

    static Plan plan(ArrayNode profiles, ArrayNode policies) {
        ArrayNode newProfiles = profiles.deepCopy();
        ArrayNode newPolicies = policies.deepCopy();
        List<String> addedProfiles = new ArrayList<>();
        List<String> addedPolicies = new ArrayList<>();
        List<String> unchangedProfiles = new ArrayList<>();
        List<String> unchangedPolicies = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (JsonNode wanted : RECOMMENDED.get("profiles")) {
            merge(newProfiles, wanted, "executors", "executor", "profile", addedProfiles, unchangedProfiles, conflicts);
        }
        for (JsonNode wanted : RECOMMENDED.get("policies")) {
            merge(newPolicies, wanted, "conditions", "condition", "policy", addedPolicies, unchangedPolicies, conflicts);
        }
        return new Plan(newProfiles, newPolicies, addedProfiles, addedPolicies, unchangedProfiles, unchangedPolicies, conflicts);
    }

    private static void merge(ArrayNode realm, JsonNode wanted, String parts, String partId, String kind, List<String> added,
                              List<String> unchanged, List<String> conflicts) {
        String name = wanted.get("name").asText();
        JsonNode existing = null;
        for (JsonNode node : realm) {
            if (name.equals(node.path("name").asText())) {
                existing = node;
            }
        }
        if (existing == null) {
            realm.add(wanted.deepCopy());
            added.add(name);
        } else if (sameParts(wanted.get(parts), existing.get(parts), partId) && (!wanted.has("profiles")
                || wanted.get("profiles").equals(existing.get("profiles")))) {
            unchanged.add(name);
        } else {
            conflicts.add(kind + " " + name);
        }
    }

    private static boolean sameParts(JsonNode wanted, JsonNode existing, String partId) {
        if (existing == null || !existing.isArray() || existing.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            JsonNode wantedOptions = wanted.get(i).path("configuration");
            JsonNode existingOptions = existing.get(i).path("configuration");
            if (!wanted.get(i).get(partId).equals(existing.get(i).get(partId))
                    || !(partId.equals("condition") ? sameSelection(wantedOptions, existingOptions) : holdsOptions(wantedOptions, existingOptions))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A condition decides which clients a policy governs: any other option, Keycloak's negative logic above all, makes it
     * another policy. Negative logic switched off is the same as not set.
     */
    private static boolean sameSelection(JsonNode wanted, JsonNode existing) {
        JsonNode normalised = existing.isObject() ? existing.deepCopy() : JSON.createObjectNode();
        JsonNode negative = normalised.path("is-negative-logic");
        if (negative.isBoolean() && !negative.asBoolean() || negative.isTextual() && negative.asText().equals("false")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) normalised).remove("is-negative-logic");
        }
        return normalised.equals(wanted.isObject() ? wanted : JSON.createObjectNode());
    }

    /** Every recommended option is there with the recommended value; the mode is the admin's to change. */
    private static boolean holdsOptions(JsonNode wanted, JsonNode existing) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            if (!option.getKey().equals("mode") && !option.getValue().equals(existing.get(option.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode load() {
        try (InputStream in = Onboarding.class.getResourceAsStream("/dev/nhiguard/rollout/recommended-policies.json")) {
            if (in == null) {
                throw new IllegalStateException("recommended-policies.json is missing from the pack");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
