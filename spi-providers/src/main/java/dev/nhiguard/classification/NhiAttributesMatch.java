package dev.nhiguard.classification;

import dev.nhiguard.shared.NhiAttributes;

import java.util.List;
import java.util.Map;

/**
 * Whether a client's NHI attributes fall in the selection: every criterion that is set must match
 * (tier any-of, environment any-of ignoring case, owner group any-of). Fails closed: a tier that is not a tier is
 * critical, an environment that is not a plain label matches every environment, and a group path is compared
 * without a trailing slash, so no spelling of a value takes a client out of a policy. Pure.
 */
public record NhiAttributesMatch(List<String> tiers, List<String> environments, List<String> ownerGroups) {

    public boolean matches(Map<String, String> attributes) {
        if (!tiers.isEmpty() && tiers.stream().noneMatch(t -> Tier.of(t) == Tier.of(attributes.get(NhiAttributes.TIER)))) {
            return false;
        }
        String environment = attributes.get(NhiAttributes.ENVIRONMENT);
        if (!environments.isEmpty() && !ClassificationRules.isUnreadableEnvironment(environment)
                && (environment == null || environments.stream().noneMatch(environment.trim()::equalsIgnoreCase))) {
            return false;
        }
        String group = attributes.get(NhiAttributes.OWNER_GROUP);
        return ownerGroups.isEmpty() || group != null && ownerGroups.stream().map(NhiAttributesMatch::path).anyMatch(path(group)::equals);
    }

    private static String path(String group) {
        String trimmed = group.trim();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
