package dev.nhiguard.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Tells whether a client's secret is still the one recorded, without storing it: SHA-256 over the client's id and the
 * secret, so two clients that share a secret get different fingerprints and a row reveals nothing about another. Pure.
 */
public final class SecretFingerprint {

    private SecretFingerprint() {
    }

    public static String of(String clientUuid, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(clientUuid.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
