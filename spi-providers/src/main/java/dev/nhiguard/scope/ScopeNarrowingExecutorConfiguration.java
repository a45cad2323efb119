package dev.nhiguard.scope;

import dev.nhiguard.shared.OptionReader;
import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiExecutorConfiguration;

import java.util.List;
import java.util.Set;

/**
 * The executor's options as stored in a client profile; absent values fall back to the defaults. Every option is
 * read through {@link OptionReader}, so a wrong type or an unknown name is refused when the profile is saved.
 */
public class ScopeNarrowingExecutorConfiguration extends NhiExecutorConfiguration {

    static final int MAX_ALLOWED_SCOPES = 50;
    static final int MIN_LIFESPAN = 10;
    static final int MAX_LIFESPAN = 86_400;
    private static final Set<String> OPTIONS = Set.of(ScopeNarrowingExecutorFactory.SCOPE_REQUIRED,
            ScopeNarrowingExecutorFactory.ALLOWED_DEFAULT_SCOPES, ScopeNarrowingExecutorFactory.SEPARATORS,
            ScopeNarrowingExecutorFactory.FORBIDDEN_SCOPES, ScopeNarrowingExecutorFactory.MAX_SCOPES,
            ScopeNarrowingExecutorFactory.MAX_TOKEN_LIFESPAN, ScopeNarrowingExecutorFactory.RFC9068_HEADER,
            ScopeNarrowingExecutorFactory.AUTO_CONFIGURE, EnforcementMode.OPTION);

    /** The options as read, each null when absent (or of the wrong type, which {@link #validateConfig()} refuses). */
    private record Read(OptionReader reader, Boolean scopeRequired, List<String> allowedDefaultScopes, String separators,
                        List<String> forbiddenScopes, Integer maxScopes, Integer maxTokenLifespan, Boolean rfc9068Header,
                        Boolean autoConfigure) {
    }

    private Read read(OptionReader options) {
        return new Read(options,
                options.bool(ScopeNarrowingExecutorFactory.SCOPE_REQUIRED),
                options.texts(ScopeNarrowingExecutorFactory.ALLOWED_DEFAULT_SCOPES),
                options.text(ScopeNarrowingExecutorFactory.SEPARATORS),
                options.texts(ScopeNarrowingExecutorFactory.FORBIDDEN_SCOPES),
                options.integer(ScopeNarrowingExecutorFactory.MAX_SCOPES),
                options.integer(ScopeNarrowingExecutorFactory.MAX_TOKEN_LIFESPAN),
                options.bool(ScopeNarrowingExecutorFactory.RFC9068_HEADER),
                options.bool(ScopeNarrowingExecutorFactory.AUTO_CONFIGURE));
    }

    @Override
    public boolean validateConfig() {
        Read o = read(new OptionReader(ScopeNarrowingExecutorFactory.PROVIDER_ID, getConfigAsMap()).allowOnly(OPTIONS));
        EnforcementMode.read(o.reader());
        return o.reader().problems()
                .check(o.maxScopes() == null || o.maxScopes() >= 1 && o.maxScopes() <= MAX_ALLOWED_SCOPES,
                        ScopeNarrowingExecutorFactory.MAX_SCOPES, "nhiOptionRange", 1, MAX_ALLOWED_SCOPES)
                .check(o.maxTokenLifespan() == null || o.maxTokenLifespan() >= MIN_LIFESPAN && o.maxTokenLifespan() <= MAX_LIFESPAN,
                        ScopeNarrowingExecutorFactory.MAX_TOKEN_LIFESPAN, "nhiOptionRange", MIN_LIFESPAN, MAX_LIFESPAN)
                .check(o.separators() == null || !o.separators().isEmpty() && ScopeNames.isValidToken(o.separators()),
                        ScopeNarrowingExecutorFactory.SEPARATORS, "nhiOptionSeparators")
                .check(validNames(o.allowedDefaultScopes()), ScopeNarrowingExecutorFactory.ALLOWED_DEFAULT_SCOPES, "nhiOptionScopeNames")
                .check(validNames(o.forbiddenScopes()), ScopeNarrowingExecutorFactory.FORBIDDEN_SCOPES, "nhiOptionScopeNames")
                .validOrRefuse();
    }

    private static boolean validNames(List<String> names) {
        return names == null || names.stream().allMatch(n -> n != null && ScopeNames.isValidToken(n));
    }

    /**
     * Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}. The
     * lists are the reader's own read-only copies.
     */
    ScopeNarrowingConfig toConfig() {
        ScopeNarrowingConfig d = ScopeNarrowingConfig.defaults();
        Read o = read(new OptionReader(ScopeNarrowingExecutorFactory.PROVIDER_ID, getConfigAsMap()));
        return new ScopeNarrowingConfig(
                o.scopeRequired() != null ? o.scopeRequired() : d.scopeRequired(),
                o.allowedDefaultScopes() != null ? o.allowedDefaultScopes() : d.allowedDefaultScopes(),
                o.separators() != null && !o.separators().isEmpty() ? o.separators() : d.separators(),
                o.forbiddenScopes() != null ? o.forbiddenScopes() : d.forbiddenScopes(),
                o.maxScopes() != null ? o.maxScopes() : d.maxScopes(),
                o.maxTokenLifespan() != null ? o.maxTokenLifespan() : d.maxTokenLifespan(),
                o.rfc9068Header() != null ? o.rfc9068Header() : d.rfc9068Header(),
                o.autoConfigure() != null ? o.autoConfigure() : d.autoConfigure());
    }
}
