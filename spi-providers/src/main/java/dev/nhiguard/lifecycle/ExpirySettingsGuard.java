package dev.nhiguard.lifecycle;

import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.storage.StoreSyncEvent;

import java.util.List;

/**
 * Refuses realm JSON with unreadable expiry settings (realm attributes {@code nhi.expiry.*}) when a realm is created,
 * imported or updated: Keycloak answers the admin's request with 400 and the message naming each attribute, and
 * writes nothing. A realm update announces itself with a {@link StoreSyncEvent} inside its transaction, a new realm
 * with a {@link RealmModel.RealmPostCreateEvent}; both reach this listener before the transaction commits.
 */
public final class ExpirySettingsGuard {

    private ExpirySettingsGuard() {
    }

    public static void onEvent(ProviderEvent event) {
        if (event instanceof StoreSyncEvent sync && !sync.getRemoved() && sync.getModel() == null) {
            check(sync.getRealm());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            check(created.getCreatedRealm());
        }
    }

    private static void check(RealmModel realm) {
        List<String> problems = ExpirySettings.problems(realm::getAttribute);
        if (!problems.isEmpty()) {
            throw new ModelException(String.join("; ", problems));
        }
    }
}
