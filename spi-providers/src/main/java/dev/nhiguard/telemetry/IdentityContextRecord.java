package dev.nhiguard.telemetry;

import java.util.List;
import java.util.Set;

/**
 * One machine identity's token request (or, for a report-only policy, a client save it would have refused) as the
 * SIEM reads it. Built on the request thread from facts Keycloak already holds, formatted and logged off it.
 *
 * @param realmId           the realm's id, stable where its name may change (OCSF's tenant)
 * @param certificateIssuer the client certificate's issuer DN (RFC 2253), null when no certificate bound the token
 * @param certificateSerial the client certificate's serial number in hexadecimal, null when no certificate bound the token
 * @param endpoint          where the client authenticated: token, introspection, revocation, par, logout,
 *                          device-authorization or login; null for a client save
 * @param save              null for a token request; "create" or "update" for a client save
 * @param lifetimeSeconds   the access token's lifetime, null when none was issued
 * @param flags             anomaly flags this request raised
 * @param namedCaller       for a grant refused for its subject token, the client the request named as its caller
 *                          (refused before Keycloak authenticated it); null otherwise or when it is the record's client
 */
public record IdentityContextRecord(long time, String eventId, String realm, String realmId, String clientId, String subject,
                                    String owner, String tier, String grant, String endpoint, Set<String> requestedScopes, Set<String> grantedScopes,
                                    Decision decision, String rule, String error, String reason, String address,
                                    String userAgent, String tokenId, Integer lifetimeSeconds, String certificateThumbprint,
                                    String certificateSubject, String certificateIssuer, String certificateSerial,
                                    boolean authenticated, String save, List<String> flags, String namedCaller) {
}
