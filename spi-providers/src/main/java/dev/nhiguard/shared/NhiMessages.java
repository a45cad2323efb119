package dev.nhiguard.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Texts a person reads (error descriptions) come from the message bundle under
 * {@code themes/theme-resources/messages}, the place Keycloak looks for a provider's messages,
 * so translators work on one file and never on Java code.
 */
public final class NhiMessages {

    private static final String BUNDLE = "theme-resources/messages/messages_en.properties";
    private static final Properties ENGLISH = load(BUNDLE);

    private NhiMessages() {
    }

    public static String format(String key, Object... args) {
        String pattern = ENGLISH.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("missing message key " + key + " in " + BUNDLE);
        }
        return new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = NhiMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not packaged");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
