package dev.nhiguard.ownership;

import dev.nhiguard.shared.AfterCommit;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Arrays;
import dev.nhiguard.shared.NodeCache;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token-time ownership verdicts that found nothing wrong, kept on this node for up to {@value #TTL_MILLIS} ms. The
 * key holds every ownership attribute of the client, the policy's options and the day, so any change of the client or
 * the policy is a new key and judged afresh. What the key cannot see (the owner user and the owner group) is looked
 * up again when a user or group is removed or changed on this node, and at the latest after the time-to-live for a
 * change made on another node, in a directory, or by renaming the owner. Refusals are never kept: a fix is seen at once.
 */
final class CompliantOwnershipMemo {

    static final long TTL_MILLIS = 30_000L;

    /** Hashed once; compared field by field (a record's generated methods cost the token path more than this). */
    static final class Key {
        private final String clientUuid;
        private final String[] attributes;
        private final int maxReviewDays;
        private final boolean reviewDateRequired;
        private final long epochDay;
        private final int hash;

        Key(String clientUuid, String[] attributes, OwnerRequiredConfig config, long epochDay) {
            this.clientUuid = clientUuid;
            this.attributes = attributes;
            this.maxReviewDays = config.maxReviewDays();
            this.reviewDateRequired = config.reviewDateRequired();
            this.epochDay = epochDay;
            this.hash = 31 * (31 * clientUuid.hashCode() + Arrays.hashCode(attributes)) + Long.hashCode(epochDay);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.epochDay == epochDay && k.clientUuid.equals(clientUuid)
                    && Arrays.equals(k.attributes, attributes) && k.maxReviewDays == maxReviewDays && k.reviewDateRequired == reviewDateRequired;
        }
    }

    /** Stale on a cluster: a change of the owner or group made on another node is seen within {@link #TTL_MILLIS} ms. */
    private static final NodeCache<Key, Boolean> COMPLIANT = NodeCache.expiring(java.time.Duration.ofMillis(TTL_MILLIS), NodeCache.PER_CLIENT);
    private static final AtomicBoolean LISTENING = new AtomicBoolean();

    private CompliantOwnershipMemo() {
    }

    static boolean isCompliant(Key key) {
        return COMPLIANT.get(key) != null;
    }

    static void compliant(Key key) {
        COMPLIANT.put(key, Boolean.TRUE);
    }

    static void forgetAll() {
        COMPLIANT.clear();
    }

    /** Forgets every verdict when an owner or owner group may have changed on this node. */
    static void listen(KeycloakSessionFactory factory) {
        if (LISTENING.compareAndSet(false, true)) {
            factory.register(event -> {
                KeycloakSession session = null;
                if (event instanceof UserModel.UserRemovedEvent removed) {
                    session = removed.getKeycloakSession();
                } else if (event instanceof GroupModel.GroupRemovedEvent || event instanceof GroupModel.GroupUpdatedEvent
                        || event instanceof GroupModel.GroupPathChangeEvent) {
                    session = ((GroupModel.GroupEvent) event).getKeycloakSession();
                } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                    session = removed.getKeycloakSession();
                } else {
                    return;
                }
                forgetAll();
                // a token request between this event and the commit still reads the old owner or group: forget again after it
                if (session != null && session.getTransactionManager().isActive()) {
                    session.getTransactionManager().enlistAfterCompletion(AfterCommit.always(CompliantOwnershipMemo::forgetAll));
                }
            });
        }
    }
}
