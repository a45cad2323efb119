package dev.nhiguard.scope;

import dev.nhiguard.policy.TokenEvents;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides whether the {@code scope} of a client_credentials request may be granted. Pure. */
public final class ScopeRequestRules {

    /**
     * Asks for an ID token alongside. An ID token says who logged in to a client; no person does in client_credentials,
     * and Keycloak would let it live as long as the realm's access tokens, past the cap on the access token. A machine
     * identity gets none.
     */
    static final String OPENID = "openid";

    private final ScopeNarrowingConfig config;

    public ScopeRequestRules(ScopeNarrowingConfig config) {
        this.config = config;
    }

    /**
     * @param requested the raw {@code scope} parameter, or null when absent
     * @param clientScopes names of every default and optional client scope of the client
     * @return why the request is refused, or empty when it may go ahead
     */
    public Optional<String> check(String requested, Collection<String> clientScopes) {
        if (requested == null || requested.isBlank()) {
            return config.scopeRequired() ? refuse("nhiScopeRequired") : Optional.empty();
        }
        if (requested.length() > ScopeNarrowingConfig.MAX_SCOPE_PARAMETER_LENGTH) {
            return refuse("nhiScopeTooLong", ScopeNarrowingConfig.MAX_SCOPE_PARAMETER_LENGTH, requested.length());
        }
        List<String> scopes = TokenEvents.names(requested.trim());
        for (String scope : scopes) {
            if (!ScopeNames.isValidToken(scope)) {
                return refuse("nhiScopeBadCharacters", SafeText.echo(scope, 40));
            }
        }
        Set<String> seen = new HashSet<>();
        for (String scope : scopes) {
            if (!seen.add(scope)) {
                return refuse("nhiScopeDuplicated", scope);
            }
        }
        if (seen.contains(OPENID)) {
            return refuse("nhiScopeOpenid");
        }
        if (scopes.size() > config.maxScopes()) {
            return refuse("nhiScopeTooMany", config.maxScopes(), scopes.size());
        }
        for (String scope : scopes) {
            if (config.forbiddenScopes().contains(scope)) {
                return refuse("nhiScopeForbidden", scope);
            }
            List<String> narrower = ScopeNames.narrowerThan(scope, clientScopes, config.separators());
            if (!narrower.isEmpty()) {
                return refuse("nhiScopeTooBroad", scope, String.join(", ", narrower));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(String key, Object... args) {
        return Optional.of(NhiMessages.format(key, args));
    }
}
