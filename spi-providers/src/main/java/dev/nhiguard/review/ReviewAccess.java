package dev.nhiguard.review;

import dev.nhiguard.ownership.Owner;
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
 * own (the user {@code nhi.owner} is bound to, or a member of the group in {@code nhi.owner-group} or of one of its
 * subgroups). Users of other realms own nothing here, and nor does a user who took a departed owner's username.
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
        return sees(client.isServiceAccountsEnabled(), Owner.of(client::getAttribute), client.getAttribute(NhiAttributes.OWNER_GROUP));
    }

    boolean sees(boolean serviceAccount, Owner owner, String ownerGroup) {
        return serviceAccount && (seesAll() || owns(owner, ownerGroup));
    }

    boolean reviews(ClientModel client) {
        return reviews(client.isServiceAccountsEnabled(), Owner.of(client::getAttribute), client.getAttribute(NhiAttributes.OWNER_GROUP));
    }

    boolean reviews(boolean serviceAccount, Owner owner, String ownerGroup) {
        return serviceAccount && (reviewsAll() || owns(owner, ownerGroup));
    }

    boolean reassigns(ClientModel client) {
        return reassigns(client.isServiceAccountsEnabled(), Owner.of(client::getAttribute));
    }

    /** Handing over is for admins and for the named owner (not every member of the owning group). */
    boolean reassigns(boolean serviceAccount, Owner owner) {
        return serviceAccount && (reviewsAll() || isNamedOwner(owner));
    }

    /**
     * The caller is the user the owner is bound to: by id, so a user who took a departed owner's username is not, and
     * a renamed owner still is. A name not bound yet names the caller only exactly as the user directory finds them
     * (Keycloak keeps usernames in lower case and looks them up so): a value the inventory reads as no user (padded,
     * look-alike) names no one here either.
     */
    boolean isNamedOwner(Owner owner) {
        if (caller == null || owner.name() == null) {
            return false;
        }
        if (owner.isBound()) {
            return caller.getId().equals(owner.boundId());
        }
        return owner.lookupName().equals(caller.getUsername());
    }

    /**
     * The caller owns what is bound to them, or a group they are in (directly or through a subgroup), its path written
     * as Keycloak writes it: a path the inventory reports as INVALID_OWNERSHIP gives no one anything.
     */
    boolean owns(Owner owner, String ownerGroup) {
        if (caller == null) {
            return false;
        }
        if (isNamedOwner(owner)) {
            return true;
        }
        return ownerGroup != null && groupPaths().contains(ownerGroup);
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

    String callerLabel() {
        return auth.adminAuth().getUser().getUsername() + "@" + auth.adminAuth().getRealm().getName();
    }
}
