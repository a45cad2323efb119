package dev.nhiguard.signals;

import dev.nhiguard.shared.PackClock;

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
 * What a machine client proves itself with, as one fingerprint in three parts, one per kind of credential, so that a
 * change says which kind changed: its shared secret and the previous one still in its grace period ({@code password},
 * CAEP's nearest type), its certificate and the subject and issuer it must show ({@code x509}), and the rest of its key
 * material: authenticator, keys and JWKS, the federated issuer and subject ({@code app}). The secret enters a digest
 * only, salted with the client's id.
 */
final class ClientKeys {

    /** The kinds of credential, in the order of the fingerprint's parts, with CAEP's credential type for each. */
    enum Kind {
        SECRET("password"), CERTIFICATE("x509"), KEYS("app");

        final String caepType;

        Kind(String caepType) {
            this.caepType = caepType;
        }
    }

    private static final List<String> CERTIFICATE_ATTRIBUTES = List.of("jwt.credential.certificate", "x509.subjectdn", "x509.casubjectdn",
            "x509.allow.regex.pattern.comparison");
    private static final List<String> KEY_MATERIAL_ATTRIBUTES = List.of("use.jwks.url", "jwks.url", "use.jwks.string", "jwks.string",
            "jwt.credential.issuer", "jwt.credential.sub");

    /** The attributes that hold or name key material. */
    static final List<String> KEY_ATTRIBUTES = java.util.stream.Stream.of(List.of("client.secret.rotated"), CERTIFICATE_ATTRIBUTES,
            KEY_MATERIAL_ATTRIBUTES).flatMap(List::stream).toList();

    private static final int PART = 20;

    private ClientKeys() {
    }

    static String fingerprint(ClientModel client) {
        return fingerprint(client.getId(), client.getClientAuthenticatorType(), client.getSecret(), client::getAttribute);
    }

    /** The same fingerprint from a client's columns and attributes as the database holds them: three parts, dot-separated. */
    static String fingerprint(String clientUuid, String authenticator, String secret, Function<String, String> attributes) {
        List<String> secretParts = new java.util.ArrayList<>();
        secretParts.add(secret);
        secretParts.add(attributes.apply("client.secret.rotated"));
        List<String> keyParts = new java.util.ArrayList<>();
        keyParts.add(authenticator);
        KEY_MATERIAL_ATTRIBUTES.forEach(name -> keyParts.add(attributes.apply(name)));
        return digest(clientUuid, secretParts) + "." + digest(clientUuid, CERTIFICATE_ATTRIBUTES.stream().map(attributes).toList())
                + "." + digest(clientUuid, keyParts);
    }

    /** The kinds of credential whose part differs between two fingerprints; every kind when one is unreadable. */
    static List<Kind> changed(String before, String now) {
        String[] a = before.split("\\.", -1);
        String[] b = now.split("\\.", -1);
        if (a.length != Kind.values().length || b.length != a.length) {
            return before.equals(now) ? List.of() : List.of(Kind.KEYS);
        }
        List<Kind> changed = new java.util.ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (!a[kind.ordinal()].equals(b[kind.ordinal()])) {
                changed.add(kind);
            }
        }
        return changed;
    }

    private static String digest(String clientUuid, List<String> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            update(sha256, clientUuid);
            for (String part : parts) {
                update(sha256, part);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest()).substring(0, PART);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        digest.update((part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    static SignalRecords records(KeycloakSession session) {
        return new SignalRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** Whether the identity can get tokens at all: its client enabled, and its service account too. */
    private static boolean enabled(KeycloakSession session, ClientModel client) {
        if (!client.isEnabled()) {
            return false;
        }
        UserModel account = session.users().getServiceAccount(client);
        return account == null || account.isEnabled();
    }

    /** The client's key and state as they are now. */
    static SignalRecords.Key current(KeycloakSession session, ClientModel client) {
        return new SignalRecords.Key(fingerprint(client), enabled(session, client));
    }

    /** Records the client's key and state as they are now. */
    static void remember(KeycloakSession session, RealmModel realm, ClientModel client, SignalRecords.Key now) {
        records(session).key(realm.getId(), client.getId(), now, PackClock.millis());
    }

    /** Records the keys of the realm's machine clients the pack has none of yet (read from the database, not the cache). */
    static void rememberUnrecorded(KeycloakSession session, RealmModel realm, List<Object[]> clients, Map<String, Map<String, String>> attributes) {
        SignalRecords records = records(session);
        Set<String> known = records.keyed(realm.getId());
        long now = PackClock.millis();
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
