package dev.nhiguard.signals;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RedactedUrlsTest {

    @Test
    void aPushEndpointLosesItsUserPasswordQueryAndFragment() {
        assertEquals("https://rs.example/ssf/events", RedactedUrls.redact("https://svc:p%40ss@rs.example/ssf/events?token=s3cret#x"));
        assertEquals("http://127.0.0.1:8443/events", RedactedUrls.redact("http://127.0.0.1:8443/events"));
        assertNull(RedactedUrls.redact(null));
    }

    @Test
    void aDeliveryErrorQuotingTheUrlIsRedactedToo() {
        assertEquals("Connection refused: https://rs.example:9443/events (after 3 attempts)",
                RedactedUrls.redact("Connection refused: https://admin:hunter2@rs.example:9443/events?key=abc (after 3 attempts)"));
    }
}
