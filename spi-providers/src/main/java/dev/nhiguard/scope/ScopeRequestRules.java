package dev.nhiguard.scope;

import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides whether the {@code scope} of a client_credentials request may be granted. Pure. */
public final class ScopeRequestRules {

    /** Asks for an ID token alongside; it names no client scope and is left to Keycloak. */
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
        List<String> scopes = Arrays.stream(requested.trim().split(" +")).toList();
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
        List<String> counted = scopes.stream().filter(s -> !OPENID.equals(s)).toList();
        if (counted.size() > config.maxScopes()) {
            return refuse("nhiScopeTooMany", config.maxScopes(), counted.size());
        }
        for (String scope : counted) {
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
