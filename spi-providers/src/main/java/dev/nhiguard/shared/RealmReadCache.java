package dev.nhiguard.shared;

import org.keycloak.models.RealmModel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A realm's settings as the token path reads them: from the realm's attributes at most every five seconds per node.
 * A change written on this node applies at once ({@link #forget}); on other nodes, and after a realm import, within
 * five seconds.
 */
public final class RealmReadCache<T> {

    private static final long READ_EVERY_MILLIS = 5_000;

    private record Read<T>(T value, long readAt) {
    }

    private final ConcurrentHashMap<String, Read<T>> reads = new ConcurrentHashMap<>();
    private final Function<RealmModel, T> reader;

    public RealmReadCache(Function<RealmModel, T> reader) {
        this.reader = reader;
    }

    public T get(RealmModel realm) {
        long now = PackClock.millis();
        Read<T> read = reads.get(realm.getId());
        if (read == null || now - read.readAt() > READ_EVERY_MILLIS) {
            read = new Read<>(reader.apply(realm), now);
            reads.put(realm.getId(), read);
        }
        return read.value();
    }

    /** The realm's settings were just written here: the next read takes them. */
    public void forget(String realmId) {
        reads.remove(realmId);
    }
}
