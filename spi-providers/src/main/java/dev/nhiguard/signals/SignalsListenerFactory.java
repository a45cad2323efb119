package dev.nhiguard.signals;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.shared.PackVersion;
import dev.nhiguard.shared.RealmIds;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells receivers when a machine identity's credential changes, an admin disables it or its service account, or it is
 * deleted, whatever the door: Keycloak's client update (admin API, dynamic registration, partial import) and removal,
 * the admin API's client and credential operations (regenerate or revoke a secret, generate or upload a key) and
 * updates of a service account's user, compared with the key and state the pack last saw. A global listener: no realm set-up.
 */
public class SignalsListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "nhi-signals";
    private static final Logger LOG = Logger.getLogger(SignalsListenerFactory.class);
    /**
     * clients/{id}/client-secret, clients/{id}/client-secret/rotated, clients/{id}/certificates/{attr}/...: credential
     * operations; clients/{id} itself: an update, which Keycloak's own secret rotation may follow with a new secret
     * after the client was saved.
     */
    private static final Pattern CREDENTIAL_PATH = Pattern.compile("^clients/([^/]+)(/(client-secret(/rotated)?|certificates/.+))?$");
    /** users/{id}: a service account's user updated (disabled, say). */
    private static final Pattern USER_PATH = Pattern.compile("^users/([^/]+)$");

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                checkAtCommit(session, event);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A client's credential operation or update, or a service account user's update: its key and state are compared at commit. */
    private static void checkAtCommit(KeycloakSession session, AdminEvent event) {
        if (event.getResourcePath() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        ClientModel client = null;
        if (event.getResourceType() == ResourceType.CLIENT) {
            Matcher path = CREDENTIAL_PATH.matcher(event.getResourcePath());
            client = path.matches() ? realm.getClientById(path.group(1)) : null;
        } else if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.UPDATE) {
            Matcher path = USER_PATH.matcher(event.getResourcePath());
            UserModel user = path.matches() ? session.users().getUserById(realm, path.group(1)) : null;
            client = user == null || user.getServiceAccountClientLink() == null ? null : realm.getClientById(user.getServiceAccountClientLink());
        }
        if (client != null && client.isServiceAccountsEnabled()) {
            KeyCheckAtCommit.of(session, realm, client).revoked(event.getOperationType() == OperationType.DELETE);
        }
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ClientModel.ClientUpdatedEvent updated && updated.getUpdatedClient().isServiceAccountsEnabled()) {
                ClientModel client = updated.getUpdatedClient();
                KeyCheckAtCommit.of(updated.getKeycloakSession(), client.getRealm(), client);
            } else if (event instanceof ClientModel.ClientRemovedEvent removed && removed.getClient().isServiceAccountsEnabled()) {
                // the admin API removes the service account after the client, partial import before it: signalled
                // here while the subject still stands, else at the account's removal
                ClientModel client = removed.getClient();
                if (removed.getKeycloakSession().users().getServiceAccount(client) != null) {
                    MachineSignals.purged(removed.getKeycloakSession(), client.getRealm(), client);
                }
            } else if (event instanceof UserModel.UserPreRemovedEvent removed && removed.getUser().getServiceAccountClientLink() != null) {
                // also when the client stays and only stops being a service account: its account goes all the same
                ClientModel client = removed.getRealm().getClientById(removed.getUser().getServiceAccountClientLink());
                if (client != null) {
                    MachineSignals.purged(removed.getKeycloakSession(), removed.getRealm(), client);
                }
            } else if (event instanceof PostMigrationEvent) {
                rememberEveryKey(factory);
            }
        });
    }

    /** The key of every machine client that came before the pack (an upgrade): a later change of it is then a signal. */
    private static void rememberEveryKey(KeycloakSessionFactory factory) {
        List<String> realmIds = RealmIds.all(factory);
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                    List<Object[]> clients = KeycloakQuery.MACHINE_CLIENT_KEYS.create(em, Object[].class).setParameter("realm", realmId).getResultList();
                    Map<String, Map<String, String>> attributes = new HashMap<>();
                    for (Object[] a : KeycloakQuery.NAMED_ATTRIBUTES_OF_REALM.create(em, Object[].class).setParameter("realm", realmId)
                            .setParameter("names", ClientKeys.KEY_ATTRIBUTES).getResultList()) {
                        attributes.computeIfAbsent((String) a[0], k -> new HashMap<>()).put((String) a[1], (String) a[2]);
                    }
                    ClientKeys.rememberUnrecorded(session, realm, clients, attributes);
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: the keys of realm %s are remembered at their next change", PROVIDER_ID, realmId);
            }
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return PackVersion.operationalInfo();
    }
}
