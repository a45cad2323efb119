package dev.nhiguard.keycloakdb;

/**
 * Which service-account clients a bulk read of {@link KeycloakQuery} covers: every one of the realm
 * ({@code :realm}), the given ids ({@code :ids}), or a span of the realm's by clientId ({@code :realm}, {@code :from},
 * {@code :to}). A span is read with a range on Keycloak's (realm, clientId) index instead of a list of ids, which some
 * databases check row by row against the whole list.
 */
public enum ClientSelection {
    REALM,
    IDS,
    SPAN;

    /** The JPQL condition on a client id path (or, for the realm and a span, on the client entity path). */
    String condition(String idPath, String entityPath) {
        String realmClients = entityPath + ".realmId = :realm and " + entityPath + ".serviceAccountsEnabled = true";
        return switch (this) {
            case REALM -> realmClients;
            case IDS -> idPath + " in :ids";
            case SPAN -> realmClients + " and " + entityPath + ".clientId between :from and :to";
        };
    }
}
