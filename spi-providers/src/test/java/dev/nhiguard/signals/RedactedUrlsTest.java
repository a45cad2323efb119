package dev.nhiguard.signals;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RedactedUrlsTest {

    @Test
    void aPushEndpointShowsItsSchemeHostAndPortOnly() {
        assertEquals("https://rs.example", RedactedUrls.redact("https://svc:p%40ss@rs.example/ssf/events?token=s3cret#x"));
        assertEquals("http://127.0.0.1:8443", RedactedUrls.redact("http://127.0.0.1:8443/events"));
        assertEquals("https://hooks.example:9443", RedactedUrls.redact("https://hooks.example:9443/ssf/hook/Sx8-webhook-secret"),
                "a webhook's secret is often its path");
        assertNull(RedactedUrls.redact(null));
    }

    @Test
    void aDeliveryErrorShowsNoCredential() {
        assertEquals("Connection refused: https://rs.example:9443 (after 3 attempts)",
                RedactedUrls.deliveryError("Connection refused: https://admin:hunter2@rs.example:9443/events?key=abc (after 3 attempts)"));
        assertEquals("HTTP 401 http://127.0.0.1:18555",
                RedactedUrls.deliveryError("HTTP 401 http://127.0.0.1:18555/echo: invalid credentials: Bearer rcv-super-secret-XYZ"),
                "the receiver's body may echo the header the transmitter sent");
        assertEquals("rejected: Bearer (hidden)", RedactedUrls.deliveryError("rejected: Bearer rcv-super-secret-XYZ"));
        assertEquals("https://rs.example", RedactedUrls.redact("https://rs.example/events;jsessionid=abc?token=x"), "path parameters too");
    }
}
