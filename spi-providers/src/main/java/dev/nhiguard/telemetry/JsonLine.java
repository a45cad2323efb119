package dev.nhiguard.telemetry;

import java.util.Collection;

/**
 * A one-line JSON object written field by field: the record's shape is fixed, and a general serializer would cost the
 * writer thread more than the record is worth. Every value is escaped (quotes, backslashes, control and
 * line-separator characters, {@code < > &}), so a caller's user agent or scope can neither break the line nor forge a
 * field; names are the record's own constants and are written as they are.
 */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final boolean[] first = new boolean[8];
    private int depth;
    private boolean closed;

    JsonLine() {
        this(new StringBuilder(256));
    }

    /** A line written into {@code out}, emptied first: the record writer's one buffer, reused for every record. */
    JsonLine(StringBuilder out) {
        this.out = out;
        out.setLength(0);
        out.append('{');
        first[0] = true;
    }

    /** Opens a text field whose parts the caller appends with {@link #text(String)}: no text is built to be copied. */
    JsonLine openText(String name) {
        name(name);
        out.append('"');
        return this;
    }

    /** Appends a part of the open text field, escaped as {@link #string(String)} escapes. */
    JsonLine text(String part) {
        escaped(part);
        return this;
    }

    JsonLine closeText() {
        out.append('"');
        return this;
    }

    JsonLine field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    JsonLine field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonLine field(String name, Integer value) {
        if (value != null) {
            name(name);
            out.append(value.intValue());
        }
        return this;
    }

    JsonLine field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonLine field(String name, Collection<String> values) {
        if (values != null) {
            name(name);
            out.append('[');
            boolean firstValue = true;
            String[] sorted = values.toArray(new String[0]);
            if (sorted.length > 1) {
                java.util.Arrays.sort(sorted);
            }
            for (String value : sorted) {
                if (!firstValue) {
                    out.append(',');
                }
                string(value);
                firstValue = false;
            }
            out.append(']');
        }
        return this;
    }

    JsonLine object(String name) {
        name(name);
        out.append('{');
        first[++depth] = true;
        return this;
    }

    /** Opens an object as the next element of an array the caller opened with {@link #array(String)}. */
    JsonLine element() {
        if (!first[depth]) {
            out.append(',');
        }
        first[depth] = false;
        out.append('{');
        first[++depth] = true;
        return this;
    }

    JsonLine array(String name) {
        name(name);
        out.append('[');
        first[++depth] = true;
        return this;
    }

    JsonLine endArray() {
        out.append(']');
        depth--;
        return this;
    }

    JsonLine end() {
        out.append('}');
        depth--;
        return this;
    }

    /** Appends fields written by another line's {@link #fieldsOnly()}, at the current level. */
    JsonLine raw(String fields) {
        if (!first[depth]) {
            out.append(',');
        }
        first[depth] = false;
        out.append(fields);
        return this;
    }

    /** The fields written so far, without the enclosing braces, for {@link #raw(String)}. */
    String fieldsOnly() {
        return out.substring(1);
    }

    @Override
    public String toString() {
        if (!closed) {
            out.append('}');
            closed = true;
        }
        return out.toString();
    }

    /** Field names are the record's own constants (never what a caller sent), written as they are. */
    private void name(String name) {
        if (!first[depth]) {
            out.append(',');
        }
        first[depth] = false;
        out.append('"').append(name).append("\":");
    }

    /**
     * Quotes and backslashes; control characters, C1 controls (U+0085 breaks lines for some readers) and the line and
     * paragraph separators; {@code < > &}; what makes text read other than it is written (the soft hyphen, bidi
     * marks and overrides, zero-width characters, the byte order mark, variation selectors, fillers:
     * {@link dev.nhiguard.shared.SafeText#isInvisible}); and every character outside the Basic Multilingual Plane.
     * Escaped, they read back as sent.
     */
    private static boolean needsEscape(char c) {
        if (c < 0x80) {
            return c < 0x20 || c == '"' || c == '\\' || c == 0x7F || c == '<' || c == '>' || c == '&';
        }
        // a character outside the Basic Multilingual Plane (its surrogates) is written escaped too: tags and
        // variation selectors live there, and JSON reads the escaped pair back as the character
        return c <= 0x9F || Character.isSurrogate(c) || dev.nhiguard.shared.SafeText.isInvisible(c);
    }

    private void string(String value) {
        out.append('"');
        escaped(value);
        out.append('"');
    }

    private void escaped(String value) {
        int clean = 0;
        while (clean < value.length() && !needsEscape(value.charAt(clean))) {
            clean++;
        }
        if (clean == value.length()) {
            out.append(value); // the usual case, copied whole
            return;
        }
        out.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
