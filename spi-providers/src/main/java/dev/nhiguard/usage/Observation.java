package dev.nhiguard.usage;

import java.util.Set;

/**
 * One token request as the pack saw it: by whom, when, from where, by which grant, the scopes asked for and (when
 * granted) the scopes the token carries. {@code authenticated} is false when the caller failed client authentication:
 * such a request names a client it has not proven to be, so it is no use of that client and none of its facts count.
 */
public record Observation(String realmId, String clientId, long time, boolean granted, boolean authenticated, String address,
                          String grant, Set<String> requestedScopes, Set<String> grantedScopes) {
}
