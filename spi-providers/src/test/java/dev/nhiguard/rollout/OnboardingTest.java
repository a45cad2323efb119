package dev.nhiguard.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnboardingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ArrayNode recommended(String kind) {
        return (ArrayNode) Onboarding.RECOMMENDED.get(kind).deepCopy();
    }

    @Test
    void everyPackExecutorIsRecommendedInReportOnly() {
        for (JsonNode profile : Onboarding.RECOMMENDED.get("profiles")) {
            for (JsonNode executor : profile.get("executors")) {
                assertEquals("report-only", executor.get("configuration").get("mode").asText(), profile.toString());
            }
        }
    }

    @Test
    void anEmptyRealmGetsEverythingAndNothingIsAConflict() {
        Onboarding.Plan plan = Onboarding.plan(JSON.createArrayNode(), JSON.createArrayNode());
        assertTrue(plan.changes());
        assertEquals(Onboarding.RECOMMENDED.get("profiles"), plan.profiles());
        assertEquals(Onboarding.RECOMMENDED.get("policies"), plan.policies());
        assertEquals(List.of(), plan.conflicts());
    }

    @Test
    void theSameContentWithAnotherModeAnOptionKeycloakAddedAndASwitchedOffPolicyIsUnchanged() {
        ArrayNode profiles = recommended("profiles");
        ObjectNode first = (ObjectNode) profiles.get(0).get("executors").get(0).get("configuration");
        first.put("mode", "enforce").put("auto-configure", true);
        ArrayNode policies = recommended("policies");
        ((ObjectNode) policies.get(0)).put("enabled", false).put("description", "reworded by the admin");
        Onboarding.Plan plan = Onboarding.plan(profiles, policies);
        assertFalse(plan.changes());
        assertEquals(List.of(), plan.conflicts());
        assertEquals(profiles, plan.profiles());
        assertEquals(policies, plan.policies());
    }

    @Test
    void anotherExecutorAnotherOptionValueOrOtherProfilesUnderARecommendedNameAreConflicts() {
        ArrayNode profiles = recommended("profiles");
        ((ObjectNode) profiles.get(1).get("executors").get(0)).put("executor", "confidential-client");
        ((ObjectNode) profiles.get(3).get("executors").get(0).get("configuration")).putArray("sender-constraints").add("mtls");
        ArrayNode policies = recommended("policies");
        ((ArrayNode) policies.get(1).get("profiles")).add("own-profile");
        Onboarding.Plan plan = Onboarding.plan(profiles, policies);
        assertEquals(List.of("profile nhi-least-privilege", "profile nhi-key-bound-tokens", "policy nhi-high-and-critical-identities"),
                plan.conflicts());
    }

    @Test
    void aConditionWithNegativeLogicOrAnotherOptionIsAnotherPolicy() {
        ArrayNode negated = recommended("policies");
        ((ObjectNode) negated.get(0).get("conditions").get(0).get("configuration")).put("is-negative-logic", true);
        ((ObjectNode) negated.get(1).get("conditions").get(0).get("configuration")).put("is-negative-logic", "true");
        assertEquals(List.of("policy nhi-machine-identities", "policy nhi-high-and-critical-identities"),
                Onboarding.plan(recommended("profiles"), negated).conflicts());
        ArrayNode narrowed = recommended("policies");
        ((ObjectNode) narrowed.get(1).get("conditions").get(0).get("configuration")).putArray("environments").add("prod");
        assertEquals(List.of("policy nhi-high-and-critical-identities"), Onboarding.plan(recommended("profiles"), narrowed).conflicts());
        ArrayNode switchedOff = recommended("policies");
        ((ObjectNode) switchedOff.get(0).get("conditions").get(0).get("configuration")).put("is-negative-logic", false);
        assertEquals(List.of(), Onboarding.plan(recommended("profiles"), switchedOff).conflicts(), "negative logic off is not set");
    }

    @Test
    void theRealmsOwnComeFirstAndStayAsTheyAre() {
        ArrayNode profiles = JSON.createArrayNode();
        ObjectNode own = profiles.addObject().put("name", "own");
        own.putArray("executors").addObject().put("executor", "pkce-enforcer");
        ArrayNode policies = JSON.createArrayNode();
        policies.addObject().put("name", "own-policy").putArray("profiles").add("own");
        Onboarding.Plan plan = Onboarding.plan(profiles, policies);
        assertEquals(own, plan.profiles().get(0));
        assertEquals(policies.get(0), plan.policies().get(0));
        assertEquals(Onboarding.RECOMMENDED.get("profiles").size() + 1, plan.profiles().size());
        assertEquals(1, profiles.size(), "the realm's list is not changed in place");
    }
}
