package dev.nhiguard.testsupport;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * A client's DPoP key (RFC 9449): an RSA key pair made for the test, its public JWK, its RFC 7638 thumbprint (what
 * {@code cnf.jkt} of a bound token holds), and proofs it signs for one request each.
 */
public final class DpopKey {

    private final KeyPair keys;
    private final String jwk;
    private final String thumbprint;

    private DpopKey(KeyPair keys) {
        this.keys = keys;
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        String n = b64(unsigned(publicKey.getModulus()));
        String e = b64(unsigned(publicKey.getPublicExponent()));
        this.jwk = "{\"kty\":\"RSA\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"}";
        // RFC 7638: the required members in lexicographic order, no white space
        this.thumbprint = b64(sha256(("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    public static DpopKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DpopKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK thumbprint a token bound to this key carries as {@code cnf.jkt}. */
    public String thumbprint() {
        return thumbprint;
    }

    /** A proof for a token request: no access token to hash. */
    public String proof(String method, URI uri) {
        return proof(method, uri, null, UUID.randomUUID().toString(), Instant.now());
    }

    /** A proof for a request to a resource server presenting {@code accessToken} ({@code ath} is its hash). */
    public String proofFor(String method, URI uri, String accessToken) {
        return proof(method, uri, accessToken, UUID.randomUUID().toString(), Instant.now());
    }

    /** A proof with every part chosen by the caller, for proofs a server must refuse (old, replayed). */
    public String proof(String method, URI uri, String accessToken, String jti, Instant issuedAt) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":" + jwk + "}";
        String claims = "{\"jti\":\"" + jti + "\",\"htm\":\"" + method + "\",\"htu\":\"" + uri + "\",\"iat\":" + issuedAt.getEpochSecond()
                + (accessToken == null ? "" : ",\"ath\":\"" + b64(sha256(accessToken.getBytes(StandardCharsets.US_ASCII))) + "\"") + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
