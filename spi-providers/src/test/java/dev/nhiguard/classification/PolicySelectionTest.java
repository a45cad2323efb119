package dev.nhiguard.classification;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicySelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClientPolicyConditionRepresentation condition(String id, Map<String, Object> configuration) {
        ClientPolicyConditionRepresentation condition = new ClientPolicyConditionRepresentation();
        condition.setConditionProviderId(id);
        condition.setConfiguration(JSON.valueToTree(configuration));
        return condition;
    }

    @Test
    void onlyConditionsThatDependOnTheClientAloneAreJudged() {
        var anyClient = condition("any-client", Map.of());
        var critical = condition("nhi-attributes", Map.of("tiers", List.of("critical")));
        var notCritical = condition("nhi-attributes", Map.of("tiers", List.of("critical"), "is-negative-logic", true));
        var roles = condition("client-roles", Map.of("roles", List.of("x")));
        Map<String, String> criticalClient = Map.of("nhi.tier", "critical");
        assertEquals(PolicySelection.Vote.YES, PolicySelection.selects(List.of(anyClient), Map.of()));
        assertEquals(PolicySelection.Vote.YES, PolicySelection.selects(List.of(anyClient, critical), criticalClient));
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(critical), Map.of()));
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(notCritical), criticalClient));
        assertEquals(PolicySelection.Vote.MAYBE, PolicySelection.selects(List.of(roles, critical), criticalClient));
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(roles, critical), Map.of()), "NO wins over MAYBE");
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(), Map.of()), "no condition selects nothing");
    }

    /** Keycloak's negative logic on any-client selects nothing: the readiness view and the inventory must say so too. */
    @Test
    void anyClientWithNegativeLogicSelectsNothing() {
        var none = condition("any-client", Map.of("is-negative-logic", true));
        var noneAsText = condition("any-client", Map.of("is-negative-logic", "true"));
        var notNegative = condition("any-client", Map.of("is-negative-logic", false));
        var critical = condition("nhi-attributes", Map.of("tiers", List.of("critical")));
        Map<String, String> criticalClient = Map.of("nhi.tier", "critical");
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(none), Map.of()));
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(critical, none), criticalClient));
        assertEquals(PolicySelection.Vote.NO, PolicySelection.selects(List.of(noneAsText), Map.of()), "as Keycloak reads a text");
        assertEquals(PolicySelection.Vote.YES, PolicySelection.selects(List.of(notNegative), Map.of()));
    }
}
