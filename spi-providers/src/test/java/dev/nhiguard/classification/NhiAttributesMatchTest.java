package dev.nhiguard.classification;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NhiAttributesMatchTest {

    private static Map<String, String> client(String tier, String environment, String group) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.tier", tier);
        attributes.put("nhi.environment", environment);
        attributes.put("nhi.owner-group", group);
        return attributes;
    }

    @Test
    void everyCriterionThatIsSetMustMatch() {
        NhiAttributesMatch match = new NhiAttributesMatch(List.of("high", "critical"), List.of("prod"), List.of("/payments-team"));
        assertTrue(match.matches(client("critical", "PROD", "/payments-team")));
        assertFalse(match.matches(client("critical", "staging", "/payments-team")));
        assertFalse(match.matches(client("critical", "prod", "/other-team")));
        assertFalse(match.matches(client("standard", "prod", "/payments-team")));
        assertFalse(match.matches(client("critical", null, "/payments-team")));
    }

    @Test
    void aMissingTierIsStandardAndAMistypedOneMatchesEveryTier() {
        NhiAttributesMatch standard = new NhiAttributesMatch(List.of("standard"), List.of(), List.of());
        assertTrue(standard.matches(client(null, null, null)));
        assertFalse(standard.matches(client("high", null, null)));
        assertTrue(new NhiAttributesMatch(List.of("high"), List.of(), List.of()).matches(client("hіgh", null, null)),
                "a look-alike of high (Cyrillic i) is held to the policy for high, as to every other");
        assertTrue(new NhiAttributesMatch(List.of("critical"), List.of(), List.of()).matches(client("critcal", null, null)),
                "a policy for critical clients still applies to a typo");
        assertTrue(new NhiAttributesMatch(List.of(), List.of(), List.of()).matches(client(null, null, null)), "no criteria: every client");
    }

    @Test
    void noSpellingOfAnEnvironmentOrGroupEscapesAPolicy() {
        NhiAttributesMatch prod = new NhiAttributesMatch(List.of(), List.of("prod"), List.of());
        assertTrue(prod.matches(client(null, " PROD ", null)));
        assertFalse(prod.matches(client(null, "staging", null)));
        for (String disguised : List.of("prod\u200b", "pr\u043ed", "\uff50rod")) {
            assertTrue(prod.matches(client(null, disguised, null)), "an unreadable environment matches every environment: " + disguised);
        }
        NhiAttributesMatch team = new NhiAttributesMatch(List.of(), List.of(), List.of("/payments-team"));
        assertTrue(team.matches(client(null, null, "/payments-team/")));
        assertFalse(team.matches(client(null, null, "/payments-team-b")));
    }
}
