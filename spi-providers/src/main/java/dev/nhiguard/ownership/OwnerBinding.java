package dev.nhiguard.ownership;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.OwnerDirectoryUnavailable;
import dev.nhiguard.store.OwnerBindingRecords;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Binds a client's owner to the user its name names, and keeps the binding: a name a save changes is bound afresh to
 * whoever has it then, a name left as it was stays bound to the same user whatever else happens (the user renamed,
 * deleted and their name taken by somebody else), and {@code nhi.owner-id}, the binding's copy on the client that
 * travels with a realm export, is the pack's to write. A binding brought in by an import is taken only for a user this
 * Keycloak has under that name; otherwise the owner stays unverified until an admin binds it ({@link #rebind}).
 */
public final class OwnerBinding {

    public static final String BY_SAVE = "save";
    public static final String BY_IMPORT = "import";
    public static final String BY_UPGRADE = "upgrade";
    public static final String BY_REBIND = "rebind";
    public static final String BY_REVIEW = "review";

    private static final Logger LOG = Logger.getLogger(OwnerBinding.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OwnerBindingRecords records;

    public OwnerBinding(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.records = new OwnerBindingRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /**
     * A client was saved through any door (admin API, dynamic registration, partial or realm import).
     *
     * @param judgedCreation created by a save an ownership policy judged by its owner's name: bound by the name,
     *                       whatever bound id it sent
     */
    public void afterSave(ClientModel client, boolean judgedCreation) {
        String name = client.getAttribute(NhiAttributes.OWNER);
        String written = client.getAttribute(NhiAttributes.OWNER_ID);
        if (name == null || name.isBlank()) {
            records.forget(client.getId());
            if (written != null) {
                client.removeAttribute(NhiAttributes.OWNER_ID);
            }
            return;
        }
        OwnerBindingRecords.Binding binding = records.find(client.getId());
        if (binding != null) {
            if (stillNames(binding, name)) {
                String kept = binding.ownerId() == null ? Owner.NOBODY : binding.ownerId();
                if (!kept.equals(written)) {
                    client.setAttribute(NhiAttributes.OWNER_ID, kept); // the pack's to write: an edit of it is undone
                }
            } else {
                bindByName(client, BY_SAVE);
            }
        } else if (judgedCreation || written == null || written.isBlank()) {
            bindByName(client, BY_SAVE);
        } else {
            adopt(client, name, written);
        }
    }

    /** A client from before bindings, or written past Keycloak: bound as {@link #afterSave} would have. */
    public void bindUnbound(ClientModel client) {
        String written = client.getAttribute(NhiAttributes.OWNER_ID);
        if (written == null || written.isBlank()) {
            bindByName(client, BY_UPGRADE);
        } else {
            adopt(client, client.getAttribute(NhiAttributes.OWNER), written);
        }
    }

    /**
     * A client replaced by an import of itself (partial import OVERWRITE deletes and creates it again) that names the
     * same owner and carries no binding keeps the binding it had: an import does not hand a departed owner's identity to
     * the new user of the name.
     */
    public void carryOver(ClientModel client, String boundId) {
        String id = Owner.NOBODY.equals(boundId) ? null : boundId;
        records.bind(realm.getId(), client.getId(), new Owner(client.getAttribute(NhiAttributes.OWNER), null).lookupName(), id, null, BY_IMPORT,
                PackClock.millis());
        client.setAttribute(NhiAttributes.OWNER_ID, boundId);
    }

    /** An admin binds an unverified owner (a realm moved from another Keycloak) to the user who has its name here. */
    public OwnerBindingRecords.Binding rebind(ClientModel client) {
        return bindByName(client, BY_REBIND);
    }

    /** Binds the client's owner name to whoever has it now; null when a directory could not be asked (bound later). */
    public OwnerBindingRecords.Binding bindByName(ClientModel client, String how) {
        String name = client.getAttribute(NhiAttributes.OWNER);
        UserModel user;
        try {
            OwnerLookup.Found found = OwnerLookup.lookUp(session, realm, name);
            user = found.state() == OwnerState.MISSING ? null : found.user();
        } catch (OwnerDirectoryUnavailable | ModelException e) {
            // judged by its name until the directory answers: the binding walk binds it then
            LOG.warnf("realm %s: the owner of client %s is bound once its directory answers", realm.getName(), client.getClientId());
            records.forget(client.getId());
            client.removeAttribute(NhiAttributes.OWNER_ID);
            return null;
        }
        String id = user == null ? null : user.getId();
        records.bind(realm.getId(), client.getId(), new Owner(name, id).lookupName(), id, user == null ? null : user.getFederationLink(), how,
                PackClock.millis());
        client.setAttribute(NhiAttributes.OWNER_ID, id == null ? Owner.NOBODY : id);
        LOG.debugf("realm %s: the owner %s of client %s is bound to %s (%s)", realm.getName(), name, client.getClientId(),
                id == null ? "nobody" : id, how);
        return records.find(client.getId());
    }

    /** The binding an import carried: taken for the user it names under the same name here, else left unverified. */
    private void adopt(ClientModel client, String name, String written) {
        if (Owner.NOBODY.equals(written)) {
            records.bind(realm.getId(), client.getId(), new Owner(name, null).lookupName(), null, null, BY_IMPORT, PackClock.millis());
            return;
        }
        UserModel user = session.users().getUserById(realm, written);
        if (user == null) {
            LOG.debugf("realm %s: the owner %s of client %s is bound to a user this Keycloak does not know: unverified until an admin "
                    + "binds it (nhi-guard/owners/rebind)", realm.getName(), name, client.getClientId());
            return;
        }
        if (user.getServiceAccountClientLink() != null || !Owner.sameName(user.getUsername(), name)) {
            bindByName(client, BY_IMPORT); // a bound id that names somebody else than the name: the name counts
            return;
        }
        records.bind(realm.getId(), client.getId(), user.getUsername(), user.getId(), user.getFederationLink(), BY_IMPORT,
                PackClock.millis());
    }

    /** The client still names the bound user: by the name it was bound by, or by that user's name now (renamed). */
    private boolean stillNames(OwnerBindingRecords.Binding binding, String name) {
        if (Owner.sameName(binding.ownerName(), name)) {
            return true;
        }
        if (binding.ownerId() == null) {
            return false;
        }
        UserModel user = session.users().getUserById(realm, binding.ownerId());
        return user != null && Owner.sameName(user.getUsername(), name);
    }
}
