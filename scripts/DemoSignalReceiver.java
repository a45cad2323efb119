import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stand-in for a resource server that hears of revocations (RFC 8935 push delivery of Security Event
 * Tokens): it takes each SET Keycloak's Shared Signals transmitter pushes, checks the push's authorization header and
 * the SET's signature against the realm's published keys, and prints it decoded. A real resource server would then
 * drop the sessions and cached tokens of the subject. Run by ./run.sh with the server's JDK:
 *
 *   java scripts/DemoSignalReceiver.java PORT AUTHORIZATION JWKS_URL
 *
 * No dependencies: the JDK's HTTP server and signature classes. The JSON is printed as Keycloak sent it.
 */
public class DemoSignalReceiver {

    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java DemoSignalReceiver.java PORT AUTHORIZATION JWKS_URL");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String authorization = args[1];
        URI jwks = URI.create(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/events", exchange -> receive(exchange, authorization, jwks));
        server.start();
        log("listening on http://127.0.0.1:" + port + "/events for the realm's revocation signals");
    }

    private static void receive(HttpExchange exchange, String authorization, URI jwks) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                log("refused a push without the stream's authorization header");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String set;
            try (InputStream body = exchange.getRequestBody()) {
                set = new String(body.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            String[] parts = set.split("\\.");
            if (parts.length != 3) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String header = decode(parts[0]);
            String payload = decode(parts[1]);
            String verified = verify(header, parts, jwks);
            log("Security Event Token received (" + verified + ")\n  header:  " + header + "\n  payload: " + payload);
            exchange.sendResponseHeaders(202, -1);
        } catch (RuntimeException e) {
            log("could not read a push: " + e.getMessage());
            exchange.sendResponseHeaders(400, -1);
        }
    }

    /** RS256 against the key the realm publishes under the SET's kid. */
    private static String verify(String header, String[] parts, URI jwks) {
        Matcher kid = KID.matcher(header);
        Matcher alg = ALG.matcher(header);
        if (!kid.find() || !alg.find() || !"RS256".equals(alg.group(1))) {
            return "signature not checked: not an RS256 SET with a kid";
        }
        try {
            String keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jwks).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher key = Pattern.compile("\\{[^{}]*\"kid\"\\s*:\\s*\"" + Pattern.quote(kid.group(1)) + "\"[^{}]*}").matcher(keys);
            if (!key.find()) {
                return "SIGNATURE NOT VERIFIED: the realm publishes no key " + kid.group(1);
            }
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(member(key.group(), "n"))),
                    new BigInteger(1, Base64.getUrlDecoder().decode(member(key.group(), "e")))));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2])) ? "signature verified against the realm's key " + kid.group(1)
                    : "SIGNATURE INVALID";
        } catch (Exception e) {
            return "signature not checked: " + e.getMessage();
        }
    }

    private static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in the key");
        }
        return m.group(1);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static void log(String message) {
        System.out.println("[signals receiver " + Instant.now() + "] " + message);
        System.out.flush();
    }
}
