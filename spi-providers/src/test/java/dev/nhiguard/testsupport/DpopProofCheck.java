package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a resource server checks on a DPoP-bound request (RFC 9449 §4.3, §7): the proof is a {@code dpop+jwt} signed
 * by the public key in its own header, for this method and URL, fresh, never seen before, carries the hash of the
 * access token it comes with, and that key is the one the token is bound to ({@code cnf.jkt}). RS256 keys only: the
 * tests sign with RSA. Each refusal says which check failed.
 */
public final class DpopProofCheck {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /** Empty when the proof is good for this request and token; otherwise why it is not. */
    public Optional<String> refusal(String proof, String method, URI requestUri, String accessToken, String boundThumbprint) {
        if (proof == null) {
            return Optional.of("DPoP proof required");
        }
        String[] parts = proof.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("DPoP proof is not a JWS");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = AdminApi.parse(decode(parts[0]));
            claims = AdminApi.parse(decode(parts[1]));
        } catch (RuntimeException e) {
            return Optional.of("DPoP proof is not JSON");
        }
        JsonNode jwk = header.path("jwk");
        if (!"dpop+jwt".equals(header.path("typ").asText()) || !"RS256".equals(header.path("alg").asText())
                || !"RSA".equals(jwk.path("kty").asText()) || jwk.has("d")) {
            return Optional.of("DPoP proof header: typ dpop+jwt, alg RS256 and a public RSA jwk required");
        }
        if (!verifies(jwk, parts)) {
            return Optional.of("DPoP proof signature does not verify");
        }
        if (!method.equals(claims.path("htm").asText())) {
            return Optional.of("DPoP proof is for another method");
        }
        URI target = URI.create(requestUri.getScheme() + "://" + requestUri.getAuthority() + requestUri.getPath());
        if (!target.toString().equals(claims.path("htu").asText())) {
            return Optional.of("DPoP proof is for another URL");
        }
        Instant issued = Instant.ofEpochSecond(claims.path("iat").asLong(0));
        Instant now = Instant.now();
        if (issued.isBefore(now.minus(WINDOW)) || issued.isAfter(now.plus(WINDOW))) {
            return Optional.of("DPoP proof is not fresh");
        }
        String ath = DpopKey.b64(DpopKey.sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
        if (!ath.equals(claims.path("ath").asText())) {
            return Optional.of("DPoP proof is for another access token");
        }
        if (boundThumbprint == null || !boundThumbprint.equals(thumbprint(jwk))) {
            return Optional.of("token is bound to another key");
        }
        String jti = claims.path("jti").asText("");
        seen.values().removeIf(at -> at.isBefore(now.minus(WINDOW.multipliedBy(2))));
        if (jti.isEmpty() || seen.putIfAbsent(jti, now) != null) {
            return Optional.of("DPoP proof replayed");
        }
        return Optional.empty();
    }

    private static boolean verifies(JsonNode jwk, String[] parts) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 7638 thumbprint of an RSA JWK. */
    static String thumbprint(JsonNode jwk) {
        String canonical = "{\"e\":\"" + jwk.path("e").asText() + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.path("n").asText() + "\"}";
        return DpopKey.b64(DpopKey.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
