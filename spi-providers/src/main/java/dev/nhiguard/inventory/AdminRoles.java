package dev.nhiguard.inventory;

import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one definition of "holds admin roles": the roles whose holder can administer a realm. Those are the roles of
 * the realm's realm-management client and, in the admin realm, its admin role and the roles of each realm's admin
 * client there. A client holds admin roles when its service account has one of them, directly, through a composite or
 * through a group.
 */
public final class AdminRoles {

    private static final String REALM_MANAGEMENT = "realm-management";

    private AdminRoles() {
    }

    /** The ids of the administering roles a client of {@code realm} can be given. */
    public static Set<String> roleIds(KeycloakSession session, RealmModel realm) {
        Set<String> ids = new HashSet<>();
        ClientModel realmManagement = realm.getClientByClientId(REALM_MANAGEMENT);
        if (realmManagement != null) {
            realmManagement.getRolesStream().forEach(role -> ids.add(role.getId()));
        }
        if (Config.getAdminRealm().equals(realm.getName())) {
            RoleModel admin = realm.getRole("admin");
            if (admin != null) {
                ids.add(admin.getId());
            }
            session.realms().getRealmsStream().map(RealmModel::getMasterAdminClient).filter(Objects::nonNull)
                    .forEach(client -> client.getRolesStream().forEach(role -> ids.add(role.getId())));
        }
        return ids;
    }
}
