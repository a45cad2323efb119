package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCharacterThatCouldBreakTheLineOrForgeAFieldIsEscapedAndReadsBackAsSent() throws Exception {
        String hostile = "curl\"},\"forged\":1,\n\r\t\\ \u2028\u2029\u007f<b>&amp;\u0000 ok";
        String line = new JsonLine().field("user_agent", hostile).toString();

        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028") || line.contains("\u2029"), line);
        assertFalse(line.contains("<") || line.contains(">") || line.contains("&"), line);
        JsonNode read = JSON.readTree(line);
        assertEquals(hostile, read.get("user_agent").asText());
        assertEquals(1, read.size(), "no forged field: " + line);
    }

    /** Found by the fifth attack: a caller's name or user agent could carry NEL, bidi overrides and zero-width characters raw. */
    @Test
    void invisibleAndDirectionChangingCharactersAreEscapedAndReadBackAsSent() throws Exception {
        String hostile = "rlo\u202eabc\u200bzw\u0085nel\u2066iso\u061c\u00ad\ufeffend";
        String line = new JsonLine().field("named_caller", hostile).toString();

        for (char c : new char[] {'\u202e', '\u200b', '\u0085', '\u2066', '\u061c', '\u00ad', '\ufeff'}) {
            assertFalse(line.indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + " in " + line);
        }
        assertEquals(hostile, JSON.readTree(line).get("named_caller").asText());
        assertEquals("{\"ok\":\"caf\u00e9 \u00fcber\"}", new JsonLine().field("ok", "caf\u00e9 \u00fcber").toString(), "ordinary letters stay");
    }

    /** Found by the fifth attack: a clientId's combining grapheme joiner reached a record raw and read as the name without it. */
    @Test
    void charactersThatRenderAsNothingAreEscapedToo() throws Exception {
        String hostile = "g1\u034f|\ufe0f|\u180b|\u17b4|\u3164|\udb40\udd00|\ud83d\ude00";
        String line = new JsonLine().field("name", hostile).toString();
        for (char c : new char[] {'\u034f', '\ufe0f', '\u180b', '\u17b4', '\u3164', '\udb40', '\ud83d'}) {
            assertFalse(line.indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + " in " + line);
        }
        assertEquals(hostile, JSON.readTree(line).get("name").asText());
    }

    @Test
    void nestedObjectsArraysAndSortedScopesReadBack() throws Exception {
        String line = new JsonLine().field("n", 3L).field("absent", (String) null)
                .object("o").field("b", true).field("list", Set.of("z", "a", "m")).end()
                .array("arr").element().field("x", "1").end().element().field("x", "2").end().endArray()
                .toString();
        JsonNode read = JSON.readTree(line);

        assertEquals(3, read.get("n").asInt());
        assertFalse(read.has("absent"));
        assertEquals(List.of("a", "m", "z"), JSON.convertValue(read.get("o").get("list"), List.class));
        assertEquals("2", read.get("arr").get(1).get("x").asText());
    }
}
