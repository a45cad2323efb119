package dev.nhiguard.scope;

import java.util.List;

/** Options of the {@code nhi-scope-narrowing} executor, with the defaults documented in the README. */
public record ScopeNarrowingConfig(
        boolean scopeRequired,
        List<String> allowedDefaultScopes,
        String separators,
        List<String> forbiddenScopes,
        int maxScopes,
        int maxTokenLifespan,
        boolean rfc9068Header,
        boolean autoConfigure) {

    public static final List<String> DEFAULT_ALLOWED_DEFAULT_SCOPES = List.of("basic", "service_account");
    public static final String DEFAULT_SEPARATORS = ":.";
    public static final int DEFAULT_MAX_SCOPES = 5;
    public static final int DEFAULT_MAX_TOKEN_LIFESPAN = 300;
    /** Longer than any scope request that passes the count cap; refused before any other parsing. */
    public static final int MAX_SCOPE_PARAMETER_LENGTH = 4096;

    public static ScopeNarrowingConfig defaults() {
        return new ScopeNarrowingConfig(true, DEFAULT_ALLOWED_DEFAULT_SCOPES, DEFAULT_SEPARATORS, List.of(),
                DEFAULT_MAX_SCOPES, DEFAULT_MAX_TOKEN_LIFESPAN, true, false);
    }
}
