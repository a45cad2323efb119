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
    /** The admin console's bundle: the findings' labels and explanations, shown in the console and named in refusals. */
    private static final String CONSOLE_BUNDLE = "theme/nhi-guard/admin/messages/messages_en.properties";
    private static final Properties CONSOLE = load(CONSOLE_BUNDLE);

    private NhiMessages() {
    }

    /** Parsed once per key: the inventory formats a message for every finding of every client. */
    private static final java.util.concurrent.ConcurrentHashMap<String, MessageFormat> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public static String format(String key, Object... args) {
        MessageFormat parsed = PARSED.computeIfAbsent(key, k -> {
            String pattern = ENGLISH.getProperty(k);
            if (pattern == null) {
                throw new IllegalStateException("missing message key " + k + " in " + BUNDLE);
            }
            return new MessageFormat(pattern, Locale.ENGLISH);
        });
        // a MessageFormat is not thread-safe; a copy is cheap next to parsing the pattern again
        return ((MessageFormat) parsed.clone()).format(args);
    }

    /** A finding's short label, as the console shows it: names the fault, never a value. */
    public static String findingLabel(Finding finding) {
        String label = CONSOLE.getProperty("nhiFinding_" + finding.name());
        if (label == null) {
            throw new IllegalStateException("missing label nhiFinding_" + finding.name() + " in " + CONSOLE_BUNDLE);
        }
        return label;
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
