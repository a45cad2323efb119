package dev.nhiguard.shared;

/**
 * Who a governance action is done by: an admin (their user in their realm, the client and address they called from)
 * or the scheduled sweep. Recorded in the pack's audit and in Keycloak's admin events.
 */
public record Actor(String realmId, String realmName, String userId, String username, String clientId, String ipAddress) {

    public static final String SCHEDULED = "nhi-guard:sweep";

    /** The scheduled sweep of a realm. */
    public static Actor scheduled(String realmId) {
        return new Actor(realmId, null, null, null, null, null);
    }

    /** The anomaly detection of the token path, raising a flag. */
    public static Actor anomalyDetection(String realmId) {
        return new Actor(realmId, null, null, "nhi-guard:anomaly-detection", null, null);
    }

    /** The admin of an admin REST request. */
    public static Actor of(org.keycloak.services.resources.admin.AdminAuth auth, org.keycloak.models.KeycloakSession session) {
        return new Actor(auth.getRealm().getId(), auth.getRealm().getName(), auth.getUser().getId(), auth.getUser().getUsername(),
                auth.getClient().getClientId(), session.getContext().getConnection().getRemoteAddr());
    }

    /** How the audit names the actor: {@code username@realm} (as an auditor reads it), or the scheduled sweep. */
    public String label() {
        if (userId == null) {
            return username != null ? username : SCHEDULED;
        }
        return username + "@" + realmName;
    }
}
