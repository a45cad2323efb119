package dev.nhiguard.shared;

import org.keycloak.models.RealmModel;

/** The realm's token and session lifespans (seconds) that decide how long an access token really lives. */
public record RealmLifespans(int accessTokenLifespan, int ssoSessionMaxLifespan, int clientSessionMaxLifespan) {

    public static RealmLifespans of(RealmModel realm) {
        return new RealmLifespans(realm.getAccessTokenLifespan(), realm.getSsoSessionMaxLifespan(), realm.getClientSessionMaxLifespan());
    }

    /**
     * The longest a token may live because its session ends: the client's own session maximum when set, else the
     * realm's client-session maximum when set, never beyond the SSO session maximum (Keycloak's rule).
     */
    int sessionCap(String clientSessionMaxAttribute) {
        int perClient = positiveOrZero(clientSessionMaxAttribute);
        int clientCap = perClient > 0 ? perClient : clientSessionMaxLifespan > 0 ? clientSessionMaxLifespan : Integer.MAX_VALUE;
        int ssoCap = ssoSessionMaxLifespan > 0 ? ssoSessionMaxLifespan : Integer.MAX_VALUE;
        return Math.min(clientCap, ssoCap);
    }

    private static int positiveOrZero(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
