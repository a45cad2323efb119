package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A resource server's Shared Signals receiver (RFC 8935 push): it takes {@code application/secevent+jwt} with the
 * authorization the stream was registered with, verifies the SET against the realm's keys ({@code typ}, signature,
 * {@code iss}, {@code aud}), answers 202, and from then on holds the subject's tokens issued up to the event revoked.
 * A SET seen before (its {@code jti}) is acknowledged again and not applied twice. It can start down: its port is
 * taken for it, and nothing listens there until {@link #comeUp()}.
 */
public final class SignalReceiver implements AutoCloseable {

    private final int port;
    private final RealmKeys keys;
    private final java.util.Set<String> issuers = ConcurrentHashMap.newKeySet();
    private final String authorization;
    private volatile String audience;
    private volatile HttpServer server;
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Long> revokedUpTo = new ConcurrentHashMap<>();
    private final List<JsonNode> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

    private SignalReceiver(int port, RealmKeys keys, String issuer, String authorization) {
        this.port = port;
        this.keys = keys;
        this.issuers.add(issuer);
        this.authorization = authorization;
    }

    /** A receiver listening now, trusting the realm at {@code realmUri} (its issuer and keys). */
    public static SignalReceiver up(URI realmUri, String authorization) throws IOException {
        SignalReceiver receiver = down(realmUri, authorization);
        receiver.comeUp();
        return receiver;
    }

    /** A receiver whose port is known but where nothing listens yet: pushes to it fail to connect. */
    public static SignalReceiver down(URI realmUri, String authorization) throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        return new SignalReceiver(free, new RealmKeys(realmUri), realmUri.toString(), authorization);
    }

    public synchronized void comeUp() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        started.createContext("/events", this::receive);
        started.start();
        server = started;
    }

    /**
     * Trusts the same realm under another address too (a test server restarted on another port: its issuer moved,
     * its keys did not).
     */
    public void alsoTrust(URI realmUri) {
        issuers.add(realmUri.toString());
    }

    /** Fetches the realm's keys now, while its server is up: SETs signed before a restart verify against them later. */
    public void learnKeys() {
        keys.fetch();
    }

    /** The stream's audience, once the transmitter assigned it: a SET for another stream is refused. */
    public void expectAudience(String audience) {
        this.audience = audience;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    /** Whether the subject's token issued at {@code issuedAt} (epoch seconds) was revoked by a signal. */
    public boolean revoked(String subject, long issuedAt) {
        Long upTo = revokedUpTo.get(subject);
        return upTo != null && issuedAt <= upTo;
    }

    /** How many times the SET with this jti reached this receiver. */
    public int deliveriesOf(String jti) {
        return deliveries.getOrDefault(jti, 0);
    }

    /** The claims of every SET accepted, first delivery only, in arrival order. */
    public List<JsonNode> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("application/secevent+jwt")) {
                answer(exchange, 400, "{\"err\":\"invalid_request\",\"description\":\"a SET as application/secevent+jwt\"}");
                return;
            }
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"err\":\"authentication_failed\",\"description\":\"unknown transmitter\"}");
                return;
            }
            String set = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII).trim();
            Optional<Jwt> verified = keys.verified(set, "secevent+jwt");
            if (verified.isEmpty()) {
                answer(exchange, 400, "{\"err\":\"invalid_key\",\"description\":\"not signed by the realm\"}");
                return;
            }
            JsonNode claims = verified.get().claims();
            if (!issuers.contains(claims.path("iss").asText()) || audience != null && !audience(claims).contains(audience)) {
                answer(exchange, 400, "{\"err\":\"invalid_issuer\",\"description\":\"another issuer or audience\"}");
                return;
            }
            String jti = claims.path("jti").asText();
            if (deliveries.merge(jti, 1, Integer::sum) == 1) {
                accepted.add(claims);
                apply(claims);
            }
            answer(exchange, 202, "");
        }
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> values = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> values.add(a.asText()));
        } else {
            values.add(aud.asText());
        }
        return values;
    }

    /** Every machine event revokes the subject's tokens issued up to its time: disabled, sessions revoked, credential changed. */
    private void apply(JsonNode claims) {
        JsonNode subject = claims.path("sub_id");
        String sub = "iss_sub".equals(subject.path("format").asText()) ? subject.path("sub").asText() : null;
        for (Iterator<Map.Entry<String, JsonNode>> events = claims.path("events").fields(); events.hasNext(); ) {
            Map.Entry<String, JsonNode> event = events.next();
            if (sub != null && !event.getKey().endsWith("/verification") && !event.getKey().endsWith("/stream-updated")) {
                long at = event.getValue().path("event_timestamp").asLong(claims.path("iat").asLong());
                revokedUpTo.merge(sub, at, Math::max);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
