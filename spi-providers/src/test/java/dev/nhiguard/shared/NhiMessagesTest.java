package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every message of the bundle formats: a stray brace or quote would otherwise turn a refusal into a 500. */
class NhiMessagesTest {

    @Test
    void everyMessageFormatsWithArguments() throws Exception {
        Properties bundle = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("theme-resources/messages/messages_en.properties")) {
            bundle.load(in);
        }
        assertFalse(bundle.isEmpty());
        for (String key : bundle.stringPropertyNames()) {
            // each argument of the type its placeholder declares: {0} text, {1,number,#} a number
            java.text.Format[] formats = new java.text.MessageFormat(bundle.getProperty(key), java.util.Locale.ENGLISH).getFormatsByArgumentIndex();
            Object[] arguments = new Object[Math.max(formats.length, 1)];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = i < formats.length && formats[i] instanceof java.text.NumberFormat ? (Object) 7 : "value" + i;
            }
            String formatted = assertDoesNotThrow(() -> NhiMessages.format(key, arguments), key);
            assertFalse(formatted.contains("{0}"), key + " left a placeholder: " + formatted);
        }
    }
}
