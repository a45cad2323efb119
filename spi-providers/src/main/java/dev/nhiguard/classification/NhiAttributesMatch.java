package dev.nhiguard.classification;

import dev.nhiguard.shared.NhiAttributes;

import java.util.List;
import java.util.Map;

/**
 * Whether a client's NHI attributes fall in the selection: every criterion that is set must match
 * (tier any-of, environment any-of ignoring case, owner group any-of). Pure.
 */
public record NhiAttributesMatch(List<String> tiers, List<String> environments, List<String> ownerGroups) {

    public boolean matches(Map<String, String> attributes) {
        if (!tiers.isEmpty() && tiers.stream().noneMatch(t -> Tier.of(t) == Tier.of(attributes.get(NhiAttributes.TIER)))) {
            return false;
        }
        String environment = attributes.get(NhiAttributes.ENVIRONMENT);
        if (!environments.isEmpty() && (environment == null || environments.stream().noneMatch(environment.trim()::equalsIgnoreCase))) {
            return false;
        }
        String group = attributes.get(NhiAttributes.OWNER_GROUP);
        return ownerGroups.isEmpty() || group != null && ownerGroups.contains(group.trim());
    }
}
