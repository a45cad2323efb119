package dev.nhiguard.classification;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.util.JsonSerialization;

import java.util.List;
import java.util.Map;

/**
 * Whether a policy's conditions select a client, judged outside a client-policy event from the client's attributes.
 * Only the conditions whose verdict depends on nothing else can be judged: {@code any-client} and
 * {@code nhi-attributes}, each with Keycloak's negative logic. Any other condition makes the answer {@link Vote#MAYBE}, and each caller decides which way
 * to fail: a guard refuses, a report claims nothing.
 */
public final class PolicySelection {

    public enum Vote { YES, NO, MAYBE }

    static final String ANY_CLIENT = "any-client";

    private PolicySelection() {
    }

    public static Vote selects(List<ClientPolicyConditionRepresentation> conditions, Map<String, String> attributes) {
        if (conditions.isEmpty()) {
            return Vote.NO; // Keycloak applies a policy without conditions to nothing
        }
        Vote vote = Vote.YES;
        for (ClientPolicyConditionRepresentation condition : conditions) {
            String id = condition.getConditionProviderId();
            if (NhiAttributesConditionFactory.PROVIDER_ID.equals(id)) {
                if (!NhiAttributesConditionFactory.selects(condition.getConfiguration(), attributes)) {
                    return Vote.NO;
                }
            } else if (ANY_CLIENT.equals(id)) {
                if (negative(condition.getConfiguration())) {
                    return Vote.NO; // any-client with Keycloak's negative logic selects nothing
                }
            } else {
                vote = Vote.MAYBE;
            }
        }
        return vote;
    }

    /** Keycloak's negative-logic switch as Keycloak reads it; a configuration it cannot read counts as not negative. */
    private static boolean negative(JsonNode configuration) {
        if (configuration == null || !configuration.isObject()) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(JsonSerialization.mapper.convertValue(configuration,
                    ClientPolicyConditionConfigurationRepresentation.class).isNegativeLogic());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
