package dev.nhiguard.shared;

/**
 * Who a governance action is done by: an admin (user, the client and address they called from) or the scheduled
 * sweep. Recorded in the pack's audit and in Keycloak's admin events.
 */
public record Actor(String realmId, String userId, String clientId, String ipAddress) {

    public static final String SCHEDULED = "nhi-guard:sweep";

    /** The scheduled sweep of a realm. */
    public static Actor scheduled(String realmId) {
        return new Actor(realmId, null, null, null);
    }

    /** How the audit names the actor: a user's id, or the scheduled sweep. */
    public String label() {
        return userId != null ? userId : SCHEDULED;
    }
}
