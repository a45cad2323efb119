package dev.nhiguard.telemetry;

import java.util.Collection;

/**
 * A one-line JSON object written field by field: the record's shape is fixed, and a general serializer would cost the
 * writer thread more than the record is worth. Every string is escaped (quotes, backslashes, control and
 * line-separator characters), so a caller's user agent or scope can neither break the line nor forge a field.
 */
final class JsonLine {

    private final StringBuilder out = new StringBuilder(1024);
    private final boolean[] first = new boolean[8];
    private int depth;

    JsonLine() {
        out.append('{');
        first[0] = true;
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
            for (String value : values.stream().sorted().toList()) {
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

    @Override
    public String toString() {
        return out + "}";
    }

    private void name(String name) {
        if (!first[depth]) {
            out.append(',');
        }
        first[depth] = false;
        string(name);
        out.append(':');
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
