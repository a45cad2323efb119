package dev.nhiguard.shared;

import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.storage.StoreSyncEvent;

import java.util.List;
import java.util.function.Function;

/**
 * Refuses realm JSON whose settings of the pack (realm attributes such as {@code nhi.expiry.*}) cannot be read when a
 * realm is created, imported or updated: Keycloak answers the admin's request with 400 and the message naming each
 * attribute, and writes nothing. A realm update announces itself with a {@link StoreSyncEvent} inside its transaction,
 * a new realm with a {@link RealmModel.RealmPostCreateEvent}; both reach this listener before the transaction commits.
 */
public final class RealmSettingsGuard {

    private RealmSettingsGuard() {
    }

    /** Checks the realm an event creates or updates with {@code problems} (each names its attribute; empty when readable). */
    public static void onEvent(ProviderEvent event, Function<Function<String, String>, List<String>> problems) {
        RealmModel realm = null;
        if (event instanceof StoreSyncEvent sync && !sync.getRemoved() && sync.getModel() == null) {
            realm = sync.getRealm();
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            realm = created.getCreatedRealm();
        }
        if (realm != null) {
            List<String> found = problems.apply(realm::getAttribute);
            if (!found.isEmpty()) {
                throw new ModelException(String.join("; ", found));
            }
        }
    }
}
