package dev.nhiguard.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Tells a secret the pack has met before, without storing it: SHA-256 over the realm's id and the secret, so the same
 * secret in two realms is two fingerprints, and a client renamed keeps its history. Pure.
 */
public final class SecretFingerprint {

    private SecretFingerprint() {
    }

    public static String of(String realmId, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(realmId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
