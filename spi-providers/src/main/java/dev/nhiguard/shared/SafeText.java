package dev.nhiguard.shared;

/** Checks for free text that ends up in admin screens, CSV files and SIEM records. */
public final class SafeText {

    private SafeText() {
    }

    /**
     * Control characters (including line and paragraph separators) break log records and CSV rows; a lone surrogate
     * is no character at all, and strict UTF-8 stores and readers refuse it.
     */
    public static boolean hasControlCharacters(String value) {
        return value.codePoints().anyMatch(SafeText::isControl);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE;
    }

    /** Code points that render as nothing although Unicode calls them letters or symbols (Hangul fillers, braille blank). */
    private static final java.util.Set<Integer> BLANK_FILLERS = java.util.Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E);

    /**
     * What renders as nothing or changes how neighbouring text reads: controls and format characters ({@link
     * #hasControlCharacters}), blank fillers, and Unicode's default-ignorable code points (the combining grapheme
     * joiner, variation selectors, Mongolian free variation selectors, invisible Khmer vowels, tags). An identifier
     * holding one can pass for another that lacks it.
     */
    public static boolean isInvisible(int c) {
        return isControl(c) || BLANK_FILLERS.contains(c) || c == 0x034F || c == 0x17B4 || c == 0x17B5 || c >= 0x180B && c <= 0x180F
                || c >= 0x2060 && c <= 0x206F || c >= 0xFE00 && c <= 0xFE0F || c >= 0xFFF0 && c <= 0xFFF8
                || c >= 0x1BCA0 && c <= 0x1BCA3 || c >= 0x1D173 && c <= 0x1D17A || c >= 0xE0000 && c <= 0xE0FFF;
    }

    /** Whether an identifier holds a character {@link #isInvisible} (or nothing visible at all): it could pass for another. */
    public static boolean isAmbiguousIdentifier(String value) {
        return value.codePoints().anyMatch(SafeText::isInvisible) || !hasVisibleText(value);
    }

    /** Whether the text holds anything a reader sees: a character that is no space of any kind, no control or format character, no blank filler. */
    public static boolean hasVisibleText(String value) {
        return value.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT && !BLANK_FILLERS.contains(c));
    }

    /**
     * A value from data put into a single-line or plain-text place (a mail subject, a text mail, a log line) where a
     * line break or an invisible character would change what a reader sees: those characters are written as
     * {@code \\uXXXX}; everything else, letters of any script included, stays as it is.
     */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (isControl(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }

    /**
     * A short rendering of caller input that is safe to put in an error message, a log line or a page: printable
     * ASCII as it is, anything else (and {@code < >}) as a {@code \\uXXXX} escape, so an invisible or look-alike
     * character shows for what it is.
     */
    public static String echo(String value, int maxLength) {
        String shortened = value.length() > maxLength ? value.substring(0, maxLength) + "..." : value;
        StringBuilder safe = new StringBuilder(shortened.length());
        shortened.chars().forEach(c -> {
            if (c >= 0x20 && c <= 0x7E && c != '<' && c != '>') {
                safe.append((char) c);
            } else {
                safe.append(String.format("\\u%04x", c));
            }
        });
        return safe.toString();
    }
}
