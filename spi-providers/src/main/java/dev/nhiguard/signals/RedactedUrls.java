package dev.nhiguard.signals;

import java.util.regex.Pattern;

/**
 * A receiver's push endpoint as the signals view shows it: scheme, host and port, which is what an operator needs to
 * tell receivers apart and find an unreachable one. Nothing after the host is shown: a URL may carry a credential
 * before the host (user and password), in its path (webhook endpoints often hold their secret there, /hook/SECRET),
 * its path parameters, query or fragment. And a delivery error as it shows it: the receiver's HTTP status without
 * the body it answered (which may echo the credential the transmitter sent), other errors with their URLs cut so
 * and without authorization schemes. Pure.
 */
final class RedactedUrls {

    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^/\\s@?#]*@)?([^/\\s?#;]*)[^\\s]*");
    private static final Pattern HTTP_STATUS = Pattern.compile("^HTTP (\\d{3})\\b(?: (\\S+))?");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(bearer|basic|dpop)\\s+\\S+");
    private static final int MAX_ERROR = 200;

    private RedactedUrls() {
    }

    static String redact(String text) {
        return text == null ? null : URL.matcher(text).replaceAll("$1$2");
    }

    static String deliveryError(String error) {
        if (error == null) {
            return null;
        }
        java.util.regex.Matcher status = HTTP_STATUS.matcher(error);
        if (status.find()) {
            return "HTTP " + status.group(1) + (status.group(2) == null ? "" : " " + redact(status.group(2).replaceAll(":$", "")));
        }
        String redacted = AUTHORIZATION.matcher(redact(error)).replaceAll("$1 (hidden)");
        return redacted.length() > MAX_ERROR ? redacted.substring(0, MAX_ERROR) + "…" : redacted;
    }
}
