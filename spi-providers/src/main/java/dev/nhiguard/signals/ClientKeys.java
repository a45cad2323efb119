package dev.nhiguard.signals;

import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.store.SignalRecords;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a machine client proves itself with, as one fingerprint: its authenticator, its secret and the old one still in
 * its grace period, its certificate, keys and the issuer and subject that vouch for it. A change of any of them is a
 * credential change resource servers hear of. The secret enters a digest only, salted with the client's id.
 */
final class ClientKeys {

    /** The attributes that hold or name key material, in a fixed order. */
    static final List<String> KEY_ATTRIBUTES = List.of("client.secret.rotated", "jwt.credential.certificate", "use.jwks.url", "jwks.url",
            "use.jwks.string", "jwks.string", "x509.subjectdn", "x509.casubjectdn", "jwt.credential.issuer", "jwt.credential.sub");

    private ClientKeys() {
    }

    static String fingerprint(ClientModel client) {
        return fingerprint(client.getId(), client.getClientAuthenticatorType(), client.getSecret(), client::getAttribute);
    }

    /** The same fingerprint from a client's columns and attributes as the database holds them. */
    static String fingerprint(String clientUuid, String authenticator, String secret, Function<String, String> attributes) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            update(sha256, clientUuid);
            update(sha256, authenticator);
            update(sha256, secret);
            for (String name : KEY_ATTRIBUTES) {
                update(sha256, attributes.apply(name));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        digest.update((part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /** The CAEP credential type of what the client now authenticates with. */
    static String credentialType(ClientModel client) {
        String authenticator = client.getClientAuthenticatorType();
        if (SharedSecrets.authenticatesWith(authenticator)) {
            return "password"; // a shared secret: CAEP's nearest type
        }
        if ("client-x509".equals(authenticator) || client.getAttribute("jwt.credential.certificate") != null) {
            return "x509";
        }
        return "app";
    }

    static SignalRecords records(KeycloakSession session) {
        return new SignalRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** Whether the identity can get tokens at all: its client enabled, and its service account too. */
    static boolean enabled(KeycloakSession session, ClientModel client) {
        if (!client.isEnabled()) {
            return false;
        }
        UserModel account = session.users().getServiceAccount(client);
        return account == null || account.isEnabled();
    }

    /** Records the client's key and state as they are now. */
    static void remember(KeycloakSession session, RealmModel realm, ClientModel client) {
        records(session).key(realm.getId(), client.getId(), new SignalRecords.Key(fingerprint(client), enabled(session, client)),
                System.currentTimeMillis());
    }

    /** Records the keys of the realm's machine clients the pack has none of yet (read from the database, not the cache). */
    static void rememberUnrecorded(KeycloakSession session, RealmModel realm, List<Object[]> clients, Map<String, Map<String, String>> attributes) {
        SignalRecords records = records(session);
        Set<String> known = records.keyed(realm.getId());
        long now = System.currentTimeMillis();
        for (Object[] c : clients) {
            String id = (String) c[0];
            if (!known.contains(id)) {
                Map<String, String> attrs = attributes.getOrDefault(id, Map.of());
                boolean enabled = Boolean.TRUE.equals(c[3]) && !Boolean.FALSE.equals(c[4]);
                records.key(realm.getId(), id, new SignalRecords.Key(fingerprint(id, (String) c[1], (String) c[2], attrs::get), enabled), now);
            }
        }
    }
}
