package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A realm's signing keys as a resource server or a signals receiver holds them: its JWKS ({@code .../certs}), fetched
 * once and again for a key id it does not know, and the RS256 check of a compact JWS against them.
 */
public final class RealmKeys {

    private final URI jwks;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, PublicKey> byKid = new ConcurrentHashMap<>();

    public RealmKeys(URI realmUri) {
        this.jwks = URI.create(realmUri + "/protocol/openid-connect/certs");
    }

    /** The JWS's header and claims when it carries the {@code typ} asked for (any when null) and an RS256 signature of a realm key. */
    public Optional<Jwt> verified(String jws, String typ) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Jwt decoded;
        try {
            decoded = Jwt.decode(jws);
        } catch (RuntimeException | AssertionError e) {
            return Optional.empty();
        }
        if (!"RS256".equals(decoded.header().path("alg").asText()) || typ != null && !typ.equals(decoded.header().path("typ").asText())) {
            return Optional.empty();
        }
        PublicKey key = key(decoded.header().path("kid").asText());
        if (key == null) {
            return Optional.empty();
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2])) ? Optional.of(decoded) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private PublicKey key(String kid) {
        if (!byKid.containsKey(kid)) {
            fetch();
        }
        return byKid.get(kid);
    }

    /** Reads the realm's JWKS now. */
    public void fetch() {
        JsonNode keys = AdminApi.parse(Http.send(http, HttpRequest.newBuilder(jwks).GET().build()).body()).path("keys");
        for (JsonNode k : keys) {
            if ("RSA".equals(k.path("kty").asText())) {
                try {
                    byKid.put(k.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText())),
                            new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText())))));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
