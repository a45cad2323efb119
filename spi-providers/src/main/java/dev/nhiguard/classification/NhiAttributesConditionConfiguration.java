package dev.nhiguard.classification;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;

import java.util.List;

/** The condition's options as stored in a client policy. */
public class NhiAttributesConditionConfiguration extends ClientPolicyConditionConfigurationRepresentation {

    @JsonProperty(NhiAttributesConditionFactory.TIERS)
    private List<String> tiers;
    @JsonProperty(NhiAttributesConditionFactory.ENVIRONMENTS)
    private List<String> environments;
    @JsonProperty(NhiAttributesConditionFactory.OWNER_GROUPS)
    private List<String> ownerGroups;

    public List<String> getTiers() {
        return tiers;
    }

    public void setTiers(List<String> tiers) {
        this.tiers = tiers;
    }

    public List<String> getEnvironments() {
        return environments;
    }

    public void setEnvironments(List<String> environments) {
        this.environments = environments;
    }

    public List<String> getOwnerGroups() {
        return ownerGroups;
    }

    public void setOwnerGroups(List<String> ownerGroups) {
        this.ownerGroups = ownerGroups;
    }

    NhiAttributesMatch toMatch() {
        return new NhiAttributesMatch(orEmpty(tiers), orEmpty(environments), orEmpty(ownerGroups));
    }

    private static List<String> orEmpty(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> kept = new java.util.ArrayList<>(values.size());
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                kept.add(value.trim());
            }
        }
        return kept;
    }
}
