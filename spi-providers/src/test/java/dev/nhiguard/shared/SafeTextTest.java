package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTextTest {

    @Test
    void aLoneSurrogateIsNoTextButAPairIs() {
        assertTrue(SafeText.hasControlCharacters("\uD800 lone"));
        assertTrue(SafeText.hasControlCharacters("end \uDC00"));
        assertFalse(SafeText.hasControlCharacters("rocket \uD83D\uDE80 launched"), "a surrogate pair is one character (U+1F680)");
    }

    @Test
    void invisibleAndControlCharactersAreRefused() {
        for (String value : new String[] {"a\u0000", "a\u200Bb", "\u202Eabc", "\uFEFFx", "a\u2028b", "a\u0085", "x\u061C", "\u2066y"}) {
            assertTrue(SafeText.hasControlCharacters(value), SafeText.echo(value, 20));
        }
        assertFalse(SafeText.hasControlCharacters("Zürich – 東京 nightly export"));
    }

    @org.junit.jupiter.api.Test
    void visibleTextIsWhatAReaderSees() {
        for (String blank : new String[] {"", " ", "\u00a0", "\u2003\u3000", "\u200b", "\u3164", "\u2800", "\u00ad"}) {
            org.junit.jupiter.api.Assertions.assertFalse(SafeText.hasVisibleText(blank), "blank: " + blank.codePoints().boxed().toList());
        }
        for (String visible : new String[] {"a", " x ", "\u00e9", "\u4e2d", "<", "5"}) {
            org.junit.jupiter.api.Assertions.assertTrue(SafeText.hasVisibleText(visible), visible);
        }
    }

    @org.junit.jupiter.api.Test
    void oneLineShowsLineBreaksAndInvisibleCharactersAndKeepsLetters() {
        org.junit.jupiter.api.Assertions.assertEquals("a\\u000d\\u000aBcc: x", SafeText.oneLine("a\r\nBcc: x"));
        org.junit.jupiter.api.Assertions.assertEquals("Grüße \\u200b\\u202e", SafeText.oneLine("Grüße \u200b\u202e"));
        org.junit.jupiter.api.Assertions.assertEquals("", SafeText.oneLine(null));
    }
}
