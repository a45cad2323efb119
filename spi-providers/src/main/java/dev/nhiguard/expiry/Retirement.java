package dev.nhiguard.expiry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.shared.Actor;
import dev.nhiguard.shared.GovernanceEvents;
import dev.nhiguard.shared.IssuedTokens;
import dev.nhiguard.signals.MachineSignals;
import dev.nhiguard.store.AuditRecords;
import dev.nhiguard.store.ExpiryRecords;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.ssf.event.InitiatingEntity;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retires a machine identity: disables it and revokes its tokens, or deletes it. Each retirement is one transaction
 * with its audit record and admin event, and checks the client's state first, so a sweep interrupted half-way and
 * run again reaches the same end state and writes no record twice.
 */
public final class Retirement {

    private static final Logger LOG = Logger.getLogger(Retirement.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Actor actor;

    public Retirement(KeycloakSession session, RealmModel realm, Actor actor) {
        this.session = session;
        this.realm = realm;
        this.actor = actor;
        // a sweep's own session (scheduled or per client) has no request to bind it; the user provider needs the realm
        session.getContext().setRealm(realm);
    }

    /**
     * Disables the client and revokes what it holds: tokens issued before now fail introspection and userinfo (the
     * client's not-before), the service account's sessions end, and every receiver of the realm's Shared Signals
     * transmitter is told (RISC account-disabled). Returns false when it was disabled already.
     */
    public boolean disable(String clientUuid, String rule, String action) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client == null || !client.isEnabled()) {
            return false;
        }
        String before = state(client);
        client.setEnabled(false);
        IssuedTokens.revoke(session, realm, client);
        new ExpiryRecords(em()).disabled(realm.getId(), client.getId(), rule, PackClock.millis());
        // resource servers learn at once, not when the tokens run out; in this transaction, so a rolled-back retirement
        // tells nobody; before the admin event, which would otherwise be read as an administrator's disable
        MachineSignals.disabled(session, realm, client, "nhi-guard: " + action + " (" + rule + ") by " + actor.label(),
                actor.userId() == null ? InitiatingEntity.POLICY : "OWNER_REVIEW".equals(rule) ? InitiatingEntity.USER : InitiatingEntity.ADMIN);
        record(client, action, rule, before, state(client), OperationType.UPDATE);
        LOG.infof("realm %s: %s %s (%s) by %s", realm.getName(), action, client.getClientId(), rule, actor.label());
        return true;
    }

    /** Deletes a client the sweep disabled; false when it is gone, or enabled again. */
    public boolean delete(String clientUuid) {
        ClientModel client = realm.getClientById(clientUuid);
        if (client == null || client.isEnabled()) {
            new ExpiryRecords(em()).clear(clientUuid);
            return false;
        }
        String before = state(client);
        record(client, "delete", null, before, null, OperationType.DELETE);
        new ExpiryRecords(em()).clear(clientUuid);
        new ClientManager(new RealmManager(session)).removeClient(realm, client);
        LOG.infof("realm %s: deleted %s by %s", realm.getName(), client.getClientId(), actor.label());
        return true;
    }

    private void record(ClientModel client, String action, String rule, String before, String after, OperationType operation) {
        new AuditRecords(em()).write(realm.getId(), client.getId(), client.getClientId(), action, rule, actor.label(),
                PackClock.millis(), before, after);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("nhi.action", action);
        if (rule != null) {
            details.put("nhi.rule", rule);
        }
        GovernanceEvents.client(session, realm, actor, operation, client.getId(), after != null ? after : before, details);
    }

    /** The few settings a retirement changes or an auditor asks about, as JSON. */
    static String state(ClientModel client) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("clientId", client.getClientId());
        state.put("enabled", client.isEnabled());
        state.put("notBefore", client.getNotBefore());
        for (String attribute : List.of("nhi.owner", "nhi.review-by", "nhi.tier")) {
            state.put(attribute, client.getAttribute(attribute));
        }
        try {
            return JsonSerialization.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private jakarta.persistence.EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
