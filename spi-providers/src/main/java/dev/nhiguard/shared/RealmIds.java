package dev.nhiguard.shared;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;

/** The ids of every realm, read in a transaction of their own: timed work then handles each realm in its own. */
public final class RealmIds {

    private RealmIds() {
    }

    public static List<String> all(KeycloakSessionFactory factory) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
    }
}
