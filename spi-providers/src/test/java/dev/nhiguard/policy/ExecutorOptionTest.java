package dev.nhiguard.policy;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One option in one place: the form, the check at save and the reading all come from its definition. */
class ExecutorOptionTest {

    private static final ExecutorOption<Integer> COUNT = ExecutorOption.number("count", 5, 1, 50).shown("Count", "How many.");
    private static final ExecutorOption<List<String>> KINDS = ExecutorOption.someOf("kinds", List.of("A"), List.of("A", "B"))
            .shown("Kinds", "Which.");
    private static final List<ExecutorOption<?>> OPTIONS = List.of(COUNT, KINDS);

    private static String refusal(Map<String, Object> values) {
        return String.valueOf(ExecutorOption.problems("nhi-test", values, OPTIONS).message());
    }

    @Test
    void theFormComesFromTheDefinition() {
        ProviderConfigProperty count = COUNT.property();
        assertEquals("count", count.getName());
        assertEquals(5, count.getDefaultValue());
        assertEquals(ProviderConfigProperty.INTEGER_TYPE, count.getType());
        assertEquals("A", KINDS.property().getDefaultValue());
        assertEquals(List.of("A", "B"), KINDS.property().getOptions());
    }

    @Test
    void aSaveIsCheckedAgainstTheRangeTheTypeTheChoicesAndTheNames() {
        assertEquals("null", refusal(Map.of("count", 50, "kinds", List.of("B"), "mode", "report-only")), "nothing wrong");
        assertTrue(refusal(Map.of("count", 51)).contains("count: must be a whole number from 1 to 50"));
        assertTrue(refusal(Map.of("count", "many")).contains("count: must be a whole number"));
        assertTrue(refusal(Map.of("kinds", List.of("C"))).contains("kinds: must be one or more of A, B"));
        assertTrue(refusal(Map.of("kinds", List.of())).contains("kinds"));
        assertTrue(refusal(Map.of("cuont", 3)).contains("cuont: not an option; the options are count, kinds, mode"));
    }

    @Test
    void aReadingNeverThrowsAndFallsBackToTheDefault() {
        OptionReader absent = new OptionReader("nhi-test", Map.of());
        assertEquals(5, COUNT.read(absent));
        assertEquals(List.of("A"), KINDS.read(absent));
        OptionReader wrong = new OptionReader("nhi-test", Map.of("count", "many", "kinds", List.of("C")));
        assertEquals(5, COUNT.read(wrong), "a wrong type reads as the default (the save refused it)");
        assertEquals(List.of("A"), KINDS.read(wrong), "no known choice reads as the default");
        assertEquals(7, COUNT.read(new OptionReader("nhi-test", Map.of("count", "7"))), "the console's text form");
    }
}
