package dev.nhiguard.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

/** Requests over any client (plain, TLS, TLS with a client certificate), failing the test on transport errors. */
public final class Http {

    private Http() {
    }

    public static HttpResponse<String> postForm(HttpClient http, URI uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> AdminApi.enc(e.getKey()) + "=" + AdminApi.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(http, HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
