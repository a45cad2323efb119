package dev.nhiguard.scope;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorConfiguration;
import dev.nhiguard.policy.OptionReader;

import java.util.List;

/**
 * The executor's options, each in one place (name, default, range, what the console shows), as stored in a client
 * profile: a wrong type, a value out of range or an unknown name is refused when the profile is saved; an absent one
 * reads as its default.
 */
public class ScopeNarrowingExecutorConfiguration extends NhiExecutorConfiguration {

    static final ExecutorOption<Boolean> SCOPE_REQUIRED = ExecutorOption.flag("scope-required", true)
            .shown("Scope required", "Refuse client_credentials requests without a scope parameter. When off, such a request gets only the client's allowed default scopes.");
    static final ExecutorOption<List<String>> ALLOWED_DEFAULT_SCOPES = ExecutorOption.texts("allowed-default-scopes",
                    List.of("basic", "service_account"), ScopeNames::isValidToken, "nhiOptionScopeNames")
            .shown("Allowed default scopes", "The only client scopes a machine client may have as default scopes; everything else must be optional and requested.");
    static final ExecutorOption<String> SEPARATORS = ExecutorOption.text("separators", ":.",
                    s -> !s.isEmpty() && ScopeNames.isValidToken(s), "nhiOptionSeparators")
            .usableWhen(s -> !s.isEmpty())
            .shown("Scope separators", "Characters that separate a scope from a narrower one: with ':.' the scope payments is too broad when payments:read or payments.read exists.");
    static final ExecutorOption<List<String>> FORBIDDEN_SCOPES = ExecutorOption.texts("forbidden-scopes", List.of(),
                    ScopeNames::isValidToken, "nhiOptionScopeNames")
            .shown("Forbidden scopes", "Scopes never granted to machine clients, whether or not narrower ones exist.");
    static final ExecutorOption<Integer> MAX_SCOPES = ExecutorOption.number("max-scopes", 5, 1, 50)
            .shown("Maximum scopes per token", "Refuse requests for more scopes than this (1 to 50).");
    static final ExecutorOption<Integer> MAX_TOKEN_LIFESPAN = ExecutorOption.number("max-token-lifespan", 300, 10, 86_400)
            .shown("Maximum access token lifespan (seconds)", "Machine access tokens never live longer than this (10 to 86400). A client asking for longer is refused when saved.");
    static final ExecutorOption<Boolean> RFC9068_HEADER = ExecutorOption.flag("rfc9068-header", true)
            .shown("RFC 9068 token type", "Require the client setting that gives access tokens the header type at+jwt (RFC 9068).");
    static final ExecutorOption<Boolean> AUTO_CONFIGURE = ExecutorOption.flag("auto-configure", false)
            .shown("Auto-configure", "When a machine client is created or updated, fix its settings instead of refusing: full scope off, disallowed default scopes removed, lifespan capped, refresh tokens off, RFC 9068 type on.");
    static final List<ExecutorOption<?>> OPTIONS = List.of(SCOPE_REQUIRED, ALLOWED_DEFAULT_SCOPES, SEPARATORS, FORBIDDEN_SCOPES,
            MAX_SCOPES, MAX_TOKEN_LIFESPAN, RFC9068_HEADER, AUTO_CONFIGURE);

    @Override
    public boolean validateConfig() {
        return ExecutorOption.validate(ScopeNarrowingExecutorFactory.PROVIDER_ID, getConfigAsMap(), OPTIONS);
    }

    /**
     * Never throws: Keycloak builds the executor from these options before it asks {@link #validateConfig()}. The
     * lists are the reader's own read-only copies.
     */
    ScopeNarrowingConfig toConfig() {
        OptionReader o = new OptionReader(ScopeNarrowingExecutorFactory.PROVIDER_ID, getConfigAsMap());
        return new ScopeNarrowingConfig(SCOPE_REQUIRED.read(o), ALLOWED_DEFAULT_SCOPES.read(o), SEPARATORS.read(o), FORBIDDEN_SCOPES.read(o),
                MAX_SCOPES.read(o), MAX_TOKEN_LIFESPAN.read(o), RFC9068_HEADER.read(o), AUTO_CONFIGURE.read(o));
    }
}
