package dev.nhiguard.classification;

import dev.nhiguard.shared.NhiAttributes;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a client's NHI attributes fall in the selection: every criterion that is set must match
 * (tier any-of, environment any-of ignoring case, owner group any-of). Fails closed: a tier that is not a tier
 * matches every tier (and is critical wherever one tier must be chosen), an environment that is not a plain label
 * matches every environment, and a group path is compared
 * without a trailing slash, so no spelling of a value takes a client out of a policy. Pure.
 */
public record NhiAttributesMatch(List<String> tiers, List<String> environments, List<String> ownerGroups) {

    public boolean matches(Map<String, String> attributes) {
        return matches(attributes::get);
    }

    /** The same, reading each attribute only if a criterion needs it. */
    public boolean matches(Function<String, String> attributes) {
        if (!tiers.isEmpty()) {
            String tier = attributes.apply(NhiAttributes.TIER);
            if (!Tier.isUnknown(tier) && !anyTier(Tier.of(tier))) {
                return false;
            }
        }
        if (environments.isEmpty() && ownerGroups.isEmpty()) {
            return true;
        }
        String environment = environments.isEmpty() ? null : attributes.apply(NhiAttributes.ENVIRONMENT);
        if (!environments.isEmpty() && !ClassificationRules.isUnreadableEnvironment(environment)
                && (environment == null || !anyEnvironment(environment.trim()))) {
            return false;
        }
        if (ownerGroups.isEmpty()) {
            return true;
        }
        String group = attributes.apply(NhiAttributes.OWNER_GROUP);
        return group != null && anyGroup(path(group));
    }

    private boolean anyTier(Tier tier) {
        for (String t : tiers) {
            if (Tier.of(t) == tier) {
                return true;
            }
        }
        return false;
    }

    private boolean anyEnvironment(String environment) {
        for (String e : environments) {
            if (environment.equalsIgnoreCase(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyGroup(String group) {
        for (String g : ownerGroups) {
            if (path(g).equals(group)) {
                return true;
            }
        }
        return false;
    }

    private static String path(String group) {
        String trimmed = group.trim();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
