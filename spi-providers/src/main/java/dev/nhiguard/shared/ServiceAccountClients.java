package dev.nhiguard.shared;

import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** How executors read a client that is being created or updated: what was sent, over what is stored. */
public final class ServiceAccountClients {

    private ServiceAccountClients() {
    }

    /** A client is a machine identity when service accounts are on, in the request or, if it says nothing, in the store. */
    public static boolean isServiceAccountClient(ClientRepresentation proposed, ClientModel existing) {
        // Keycloak gives every client with authorization services a service account, whatever the request says
        if (Boolean.TRUE.equals(proposed.getAuthorizationServicesEnabled())) {
            return true;
        }
        if (proposed.isServiceAccountsEnabled() != null) {
            return proposed.isServiceAccountsEnabled();
        }
        return existing != null && existing.isServiceAccountsEnabled();
    }

    /** An update may send only some attributes; the ones it leaves out keep their stored values. */
    public static Map<String, String> effectiveAttributes(ClientRepresentation proposed, ClientModel existing, Collection<String> names) {
        Map<String, String> effective = new HashMap<>();
        Map<String, String> sent = proposed.getAttributes();
        for (String name : names) {
            if (sent != null && sent.containsKey(name)) {
                effective.put(name, sent.get(name));
            } else if (existing != null) {
                effective.put(name, existing.getAttribute(name));
            }
        }
        return effective;
    }
}
