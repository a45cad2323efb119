package dev.nhiguard.scope;

import java.util.List;
import java.util.Map;

/**
 * The settings of a machine client that decide what its tokens carry, whether read from a create/update
 * request or from the store at token time.
 *
 * @param defaultScopes names of the default client scopes the client has or will have
 */
public record MachineClientView(boolean fullScopeAllowed, List<String> defaultScopes, Map<String, String> attributes) {
}
