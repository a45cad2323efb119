package dev.nhiguard.signals;

import java.util.regex.Pattern;

/**
 * A receiver's push endpoint as the signals view shows it: scheme, host, port and path, without what a URL may carry
 * as a credential (user and password before the host, a token in the query or fragment). Also applied to delivery
 * errors, which may quote the URL. Pure.
 */
final class RedactedUrls {

    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^/\\s@?#]*@)?([^\\s?#]*)(?:\\?[^\\s#]*)?(?:#\\S*)?");

    private RedactedUrls() {
    }

    static String redact(String text) {
        return text == null ? null : URL.matcher(text).replaceAll("$1$2");
    }
}
