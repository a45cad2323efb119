package dev.nhiguard.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One reading of a body: anything a lenient reader would take one way and another reader another is refused. */
class StrictJsonTest {

    private static String refusal(String body) {
        return assertThrows(StrictJson.Unreadable.class, () -> StrictJson.read(body)).getMessage();
    }

    @Test
    void aDuplicateKeyTrailingContentOrBrokenJsonIsRefusedInThePacksWords() {
        assertTrue(refusal("{\"a\": 1, \"a\": 2}   ").startsWith(
                "the body is not one JSON value: field 'a' appears more than once; send each field once (line 1, column "));
        assertTrue(refusal("{\"a\": 1} {\"a\": 2}").contains("there is content after the JSON value"));
        assertTrue(refusal("{\"a\": ").contains("it is not valid JSON"));
        assertTrue(refusal("[".repeat(100)).contains("nested too deeply"));
        for (String body : new String[] {"{\"a\": 1, \"a\": 2}", "{\"a\": 1} x", "{'a': 1}"}) {
            String message = refusal(body);
            assertTrue(!message.contains("com.fasterxml") && !message.contains("Exception") && !message.contains("Source"), message);
        }
    }

    @Test
    void onlyUtf8IsRead() throws Exception {
        byte[] latin1 = "{\"c\": \"geprüft\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("the body is not valid UTF-8",
                assertThrows(StrictJson.Unreadable.class, () -> StrictJson.read(latin1, null)).getMessage());
        assertTrue(assertThrows(StrictJson.Unreadable.class, () -> StrictJson.read("{}".getBytes(StandardCharsets.UTF_8),
                new jakarta.ws.rs.core.MediaType("application", "json", "windows-1252"))).getMessage().contains("'windows-1252'"));
        assertEquals("geprüft", StrictJson.read("{\"c\": \"geprüft\"}".getBytes(StandardCharsets.UTF_8),
                new jakarta.ws.rs.core.MediaType("application", "json", "UTF-8")).get("c").asText());
        assertNull(StrictJson.read(new byte[0], null));
    }
}
