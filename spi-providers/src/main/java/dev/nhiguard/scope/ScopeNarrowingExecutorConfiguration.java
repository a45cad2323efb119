package dev.nhiguard.scope;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nhiguard.shared.InvalidOption;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

import java.util.List;

/** The executor's options as stored in a client profile; absent values fall back to the defaults. */
public class ScopeNarrowingExecutorConfiguration extends ClientPolicyExecutorConfigurationRepresentation {

    static final int MAX_ALLOWED_SCOPES = 50;
    static final int MIN_LIFESPAN = 10;
    static final int MAX_LIFESPAN = 86_400;

    @JsonProperty(ScopeNarrowingExecutorFactory.SCOPE_REQUIRED)
    private Boolean scopeRequired;
    @JsonProperty(ScopeNarrowingExecutorFactory.ALLOWED_DEFAULT_SCOPES)
    private List<String> allowedDefaultScopes;
    @JsonProperty(ScopeNarrowingExecutorFactory.SEPARATORS)
    private String separators;
    @JsonProperty(ScopeNarrowingExecutorFactory.FORBIDDEN_SCOPES)
    private List<String> forbiddenScopes;
    @JsonProperty(ScopeNarrowingExecutorFactory.MAX_SCOPES)
    private Integer maxScopes;
    @JsonProperty(ScopeNarrowingExecutorFactory.MAX_TOKEN_LIFESPAN)
    private Integer maxTokenLifespan;
    @JsonProperty(ScopeNarrowingExecutorFactory.RFC9068_HEADER)
    private Boolean rfc9068Header;
    @JsonProperty(ScopeNarrowingExecutorFactory.AUTO_CONFIGURE)
    private Boolean autoConfigure;

    @Override
    public boolean validateConfig() {
        return new InvalidOption(ScopeNarrowingExecutorFactory.PROVIDER_ID)
                .check(maxScopes == null || maxScopes >= 1 && maxScopes <= MAX_ALLOWED_SCOPES,
                        ScopeNarrowingExecutorFactory.MAX_SCOPES, "nhiOptionRange", 1, MAX_ALLOWED_SCOPES)
                .check(maxTokenLifespan == null || maxTokenLifespan >= MIN_LIFESPAN && maxTokenLifespan <= MAX_LIFESPAN,
                        ScopeNarrowingExecutorFactory.MAX_TOKEN_LIFESPAN, "nhiOptionRange", MIN_LIFESPAN, MAX_LIFESPAN)
                .check(separators == null || !separators.isEmpty() && ScopeNames.isValidToken(separators),
                        ScopeNarrowingExecutorFactory.SEPARATORS, "nhiOptionSeparators")
                .check(validNames(allowedDefaultScopes), ScopeNarrowingExecutorFactory.ALLOWED_DEFAULT_SCOPES, "nhiOptionScopeNames")
                .check(validNames(forbiddenScopes), ScopeNarrowingExecutorFactory.FORBIDDEN_SCOPES, "nhiOptionScopeNames")
                .validOrRefuse();
    }

    private static boolean validNames(List<String> names) {
        return names == null || names.stream().allMatch(n -> n != null && ScopeNames.isValidToken(n));
    }

    ScopeNarrowingConfig toConfig() {
        ScopeNarrowingConfig d = ScopeNarrowingConfig.defaults();
        return new ScopeNarrowingConfig(
                scopeRequired != null ? scopeRequired : d.scopeRequired(),
                allowedDefaultScopes != null ? List.copyOf(allowedDefaultScopes) : d.allowedDefaultScopes(),
                separators != null ? separators : d.separators(),
                forbiddenScopes != null ? List.copyOf(forbiddenScopes) : d.forbiddenScopes(),
                maxScopes != null ? maxScopes : d.maxScopes(),
                maxTokenLifespan != null ? maxTokenLifespan : d.maxTokenLifespan(),
                rfc9068Header != null ? rfc9068Header : d.rfc9068Header(),
                autoConfigure != null ? autoConfigure : d.autoConfigure());
    }
}
