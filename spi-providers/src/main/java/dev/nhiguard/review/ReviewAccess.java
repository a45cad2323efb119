package dev.nhiguard.review;

import dev.nhiguard.shared.NhiAttributes;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.HashSet;
import java.util.Set;

/**
 * Who may see and review which machine identity. Admins who may view the realm's clients see all of them and those
 * who may manage clients review all of them; any other user of the realm sees and reviews exactly the identities they
 * own (named in {@code nhi.owner}, or a member of the group in {@code nhi.owner-group} or of one of its subgroups).
 * Users of other realms own nothing here.
 */
final class ReviewAccess {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final UserModel caller;
    private Set<String> callerGroupPaths;

    ReviewAccess(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        UserModel user = auth.adminAuth().getUser();
        boolean ofThisRealm = auth.adminAuth().getRealm().getId().equals(realm.getId());
        this.caller = ofThisRealm && user != null && user.getServiceAccountClientLink() == null ? user : null;
    }

    boolean seesAll() {
        return auth.clients().canView();
    }

    boolean reviewsAll() {
        return auth.clients().canManage();
    }

    /** Whether the caller may ask this realm's review queue at all: its admins, and its own users. */
    boolean mayAsk() {
        return seesAll() || caller != null;
    }

    boolean sees(ClientModel client) {
        return client.isServiceAccountsEnabled() && (seesAll() || owns(client.getAttribute(NhiAttributes.OWNER),
                client.getAttribute(NhiAttributes.OWNER_GROUP)));
    }

    boolean reviews(ClientModel client) {
        return client.isServiceAccountsEnabled() && (reviewsAll() || owns(client.getAttribute(NhiAttributes.OWNER),
                client.getAttribute(NhiAttributes.OWNER_GROUP)));
    }

    /** Handing over is for admins and for the owner named in nhi.owner (not every member of the owning group). */
    boolean reassigns(ClientModel client) {
        return client.isServiceAccountsEnabled() && (reviewsAll() || isNamedOwner(client.getAttribute(NhiAttributes.OWNER)));
    }

    boolean isNamedOwner(String owner) {
        return caller != null && owner != null && owner.trim().equalsIgnoreCase(caller.getUsername());
    }

    /** The caller owns what names them, or a group they are in (directly or through a subgroup). */
    boolean owns(String owner, String ownerGroup) {
        if (caller == null) {
            return false;
        }
        if (isNamedOwner(owner)) {
            return true;
        }
        if (ownerGroup == null || ownerGroup.isBlank()) {
            return false;
        }
        String wanted = canonical(ownerGroup);
        return groupPaths().contains(wanted);
    }

    /** The paths of the caller's groups and of all their ancestors. */
    private Set<String> groupPaths() {
        if (callerGroupPaths == null) {
            callerGroupPaths = new HashSet<>();
            caller.getGroupsStream().forEach(group -> {
                for (GroupModel g = group; g != null; g = g.getParent()) {
                    callerGroupPaths.add(KeycloakModelUtils.buildGroupPath(g));
                }
            });
        }
        return callerGroupPaths;
    }

    private static String canonical(String path) {
        String trimmed = path.trim();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        // group names are compared as Keycloak stores them: "/Ops" is not "/ops"
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    String callerLabel() {
        return auth.adminAuth().getUser().getUsername() + "@" + auth.adminAuth().getRealm().getName();
    }
}
