package dev.nhiguard.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Options of the type their form declares, in JSON or the console's text form; nothing else is read as a value. */
class OptionReaderTest {

    private static OptionReader reader(Map<String, Object> values) {
        return new OptionReader("nhi-test", values).allowOnly(Set.of("flag", "count", "names", "text"));
    }

    @Test
    void valuesOfTheDeclaredTypeAreRead() {
        OptionReader options = reader(Map.of("flag", "true", "count", 300, "names", List.of("a", "b"), "text", ":."));
        assertEquals(Boolean.TRUE, options.bool("flag"));
        assertEquals(300, options.integer("count"));
        assertEquals(List.of("a", "b"), options.texts("names"));
        assertEquals(":.", options.text("text"));
        assertEquals(300, reader(Map.of("count", "300")).integer("count"));
    }

    @Test
    void anythingElseIsNoValue() {
        assertNull(reader(Map.of("flag", "no")).bool("flag"));
        assertNull(reader(Map.of("flag", 1)).bool("flag"));
        assertNull(reader(Map.of("count", 300.5)).integer("count"));
        assertNull(reader(Map.of("count", List.of(365))).integer("count"));
        assertNull(reader(Map.of("count", "300s")).integer("count"));
        assertNull(reader(Map.of("count", "+300")).integer("count"));
        assertNull(reader(Map.of("count", 3_000_000_000L)).integer("count"));
        assertNull(reader(Map.of("names", "basic")).texts("names"));
        assertNull(reader(Map.of("names", List.of("a", 1))).texts("names"));
        assertNull(reader(Map.of("text", List.of(":"))).text("text"));
    }
}
