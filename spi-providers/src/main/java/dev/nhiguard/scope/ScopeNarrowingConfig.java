package dev.nhiguard.scope;

import java.util.List;

/** The options of {@code nhi-scope-narrowing} as its rules read them; what each is, in {@link ScopeNarrowingExecutorConfiguration}. */
public record ScopeNarrowingConfig(
        boolean scopeRequired,
        List<String> allowedDefaultScopes,
        String separators,
        List<String> forbiddenScopes,
        int maxScopes,
        int maxTokenLifespan,
        boolean rfc9068Header,
        boolean autoConfigure) {

    /** Longer than any scope request that passes the count cap; refused before any other parsing. */
    public static final int MAX_SCOPE_PARAMETER_LENGTH = 4096;

    /**
     * The stricter of two configurations, option by option: what the inventory judges by when a realm configures the
     * executor in more than one profile.
     */
    public ScopeNarrowingConfig strictest(ScopeNarrowingConfig other) {
        java.util.Set<String> separatorChars = new java.util.TreeSet<>();
        (separators + other.separators).chars().forEach(c -> separatorChars.add(String.valueOf((char) c)));
        java.util.Set<String> forbidden = new java.util.TreeSet<>(forbiddenScopes);
        forbidden.addAll(other.forbiddenScopes);
        return new ScopeNarrowingConfig(
                scopeRequired || other.scopeRequired,
                allowedDefaultScopes.stream().filter(other.allowedDefaultScopes::contains).toList(),
                String.join("", separatorChars),
                List.copyOf(forbidden),
                Math.min(maxScopes, other.maxScopes),
                Math.min(maxTokenLifespan, other.maxTokenLifespan),
                rfc9068Header || other.rfc9068Header,
                autoConfigure && other.autoConfigure);
    }

    /** The options as stored in a client profile; absent ones take their defaults. */
    public static ScopeNarrowingConfig fromJson(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? defaults()
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, ScopeNarrowingExecutorConfiguration.class).toConfig();
    }

    public static ScopeNarrowingConfig defaults() {
        return new ScopeNarrowingConfig(ScopeNarrowingExecutorConfiguration.SCOPE_REQUIRED.defaultValue(),
                ScopeNarrowingExecutorConfiguration.ALLOWED_DEFAULT_SCOPES.defaultValue(), ScopeNarrowingExecutorConfiguration.SEPARATORS.defaultValue(),
                ScopeNarrowingExecutorConfiguration.FORBIDDEN_SCOPES.defaultValue(), ScopeNarrowingExecutorConfiguration.MAX_SCOPES.defaultValue(),
                ScopeNarrowingExecutorConfiguration.MAX_TOKEN_LIFESPAN.defaultValue(), ScopeNarrowingExecutorConfiguration.RFC9068_HEADER.defaultValue(),
                ScopeNarrowingExecutorConfiguration.AUTO_CONFIGURE.defaultValue());
    }
}
