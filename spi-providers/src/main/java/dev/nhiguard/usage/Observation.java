package dev.nhiguard.usage;

import java.util.Set;

/**
 * One token request as the pack saw it: by whom, when, from where, by which grant, the scopes asked for and (when
 * granted) the scopes the token carries.
 */
public record Observation(String realmId, String clientId, long time, boolean granted, String address, String grant,
                          Set<String> requestedScopes, Set<String> grantedScopes) {
}
