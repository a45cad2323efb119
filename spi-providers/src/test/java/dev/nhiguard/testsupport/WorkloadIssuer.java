package dev.nhiguard.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * What a Kubernetes cluster is to its pods, for a federated machine client (Keycloak's {@code federated-jwt}): an issuer
 * that signs short-lived JWTs for its workloads and serves its public keys as a JWKS over HTTP, here from a key pair
 * made for the test. No Kubernetes runs on the test machine; Keycloak cannot tell the difference.
 */
public final class WorkloadIssuer implements AutoCloseable {

    private final KeyPair keys;
    private final String kid = UUID.randomUUID().toString();
    private final HttpServer server;

    private WorkloadIssuer(KeyPair keys) throws IOException {
        this.keys = keys;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = ("{\"keys\":[" + jwk() + "]}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    public static WorkloadIssuer start() throws IOException {
        return new WorkloadIssuer(rsaKeys());
    }

    /** The issuer name its tokens carry as {@code iss} and the realm's identity provider is registered with. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUrl() {
        return issuer() + "/jwks.json";
    }

    /** A workload token for {@code subject}, valid a minute, for the realm {@code audience} names. */
    public String assertion(String subject, String audience) {
        Instant now = Instant.now();
        return assertion(subject, audience, UUID.randomUUID().toString(), now, now.plusSeconds(60));
    }

    public String assertion(String subject, String audience, String jti, Instant issuedAt, Instant expires) {
        return sign(keys, kid, "{\"iss\":\"" + issuer() + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience + "\",\"jti\":\"" + jti
                + "\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}");
    }

    /** The same token signed with a key this issuer never published, under its key id: what a forger can make. */
    public String forged(String subject, String audience) {
        Instant now = Instant.now();
        return sign(rsaKeys(), kid, "{\"iss\":\"" + issuer() + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience + "\",\"jti\":\""
                + UUID.randomUUID() + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(60).getEpochSecond() + "}");
    }

    private String jwk() {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(publicKey.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent())) + "\"}";
    }

    private static String sign(KeyPair signer, String kid, String claims) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signer.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
