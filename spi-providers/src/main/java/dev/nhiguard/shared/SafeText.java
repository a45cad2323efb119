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
        return value.codePoints().anyMatch(c -> Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE);
    }

    /** Angle brackets are refused outright: nothing an owner name or purpose needs, everything an injected tag does. */
    public static boolean hasMarkup(String value) {
        return value.indexOf('<') >= 0 || value.indexOf('>') >= 0;
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
