package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

/**
 * The resource-server half of sender-constrained tokens, in the few lines a user would write. {@code /payments}
 * (RFC 8705): introspect the bearer token at Keycloak, then compare its {@code cnf.x5t#S256} with the certificate the
 * caller presented on this TLS connection. {@code /dpop/payments} (RFC 9449): introspect the DPoP token, then check the
 * proof that comes with it ({@link DpopProofCheck}) against its {@code cnf.jkt}. A token replayed from any other key
 * gets 401.
 */
public final class SampleResourceServer implements AutoCloseable {

    private final HttpsServer server;
    private final DpopProofCheck dpop = new DpopProofCheck();

    public SampleResourceServer(TestPki pki, URI introspectionEndpoint, String clientId, String secret) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestPki.Issued identity = pki.issue("CN=127.0.0.1,O=NHI Guard IT resource server", true, Duration.ofDays(1));
        server.setHttpsConfigurator(new HttpsConfigurator(pki.context(identity)) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setWantClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        // over the same HTTPS origin the token was issued from: Keycloak checks the issuer on introspection
        HttpClient keycloak = HttpClient.newBuilder().sslContext(pki.trustOnly()).build();
        server.createContext("/payments", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String presented = thumbprintOfPeer((HttpsExchange) exchange);
            String verdict;
            int status;
            if (authorization == null || !authorization.startsWith("Bearer ") || presented == null) {
                status = 401;
                verdict = "bearer token and client certificate required";
            } else {
                JsonNode introspection = introspect(keycloak, introspectionEndpoint, clientId, secret, authorization.substring(7));
                String bound = introspection.path("cnf").path("x5t#S256").asText(null);
                if (!introspection.path("active").asBoolean(false)) {
                    status = 401;
                    verdict = "token not active";
                } else if (bound == null || !bound.equals(presented)) {
                    status = 401;
                    verdict = "token is bound to another certificate";
                } else {
                    status = 200;
                    verdict = "payments for " + introspection.path("client_id").asText();
                }
            }
            respond(exchange, status, verdict);
        });
        server.createContext("/dpop/payments", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String verdict;
            int status = 401;
            if (authorization == null || !authorization.startsWith("DPoP ")) {
                verdict = "DPoP token required";
            } else {
                String token = authorization.substring(5);
                JsonNode introspection = introspect(keycloak, introspectionEndpoint, clientId, secret, token);
                if (!introspection.path("active").asBoolean(false)) {
                    verdict = "token not active";
                } else {
                    URI requested = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI());
                    verdict = dpop.refusal(exchange.getRequestHeaders().getFirst("DPoP"), exchange.getRequestMethod(), requested, token,
                            introspection.path("cnf").path("jkt").asText(null)).orElse(null);
                    if (verdict == null) {
                        status = 200;
                        verdict = "payments for " + introspection.path("client_id").asText();
                    }
                }
            }
            respond(exchange, status, verdict);
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/payments");
    }

    /**
     * A resource that checks tokens itself, never asking Keycloak: the realm's signature, issuer and expiry, then the
     * revocations its signals receiver heard of. What is revoked reaches it only as a signal.
     */
    public URI acceptLocally(URI realmUri, SignalReceiver signals) {
        RealmKeys keys = new RealmKeys(realmUri);
        server.createContext("/local/payments", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode claims = authorization == null || !authorization.startsWith("Bearer ") ? null
                    : keys.verified(authorization.substring(7), null).map(Jwt::claims).orElse(null);
            if (claims == null || !realmUri.toString().equals(claims.path("iss").asText())
                    || claims.path("exp").asLong() <= java.time.Instant.now().getEpochSecond()) {
                respond(exchange, 401, "token not valid");
            } else if (signals.revoked(claims.path("sub").asText(), claims.path("iat").asLong())) {
                respond(exchange, 401, "token revoked by a security event");
            } else {
                respond(exchange, 200, "payments for " + claims.path("azp").asText());
            }
        });
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/local/payments");
    }

    /** The DPoP-protected resource. */
    public URI dpopUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/dpop/payments");
    }

    private static String thumbprintOfPeer(HttpsExchange exchange) {
        try {
            X509Certificate peer = (X509Certificate) exchange.getSSLSession().getPeerCertificates()[0];
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(peer.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode introspect(HttpClient http, URI endpoint, String clientId, String secret, String token) throws IOException {
        String form = "token=" + AdminApi.enc(token) + "&client_id=" + AdminApi.enc(clientId) + "&client_secret=" + AdminApi.enc(secret);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return AdminApi.parse(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
