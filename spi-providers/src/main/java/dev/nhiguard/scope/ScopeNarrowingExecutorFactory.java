package dev.nhiguard.scope;

import dev.nhiguard.shared.NhiExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;

/** Client policy executor that makes client_credentials tokens carry only what was asked for and allowed. */
public class ScopeNarrowingExecutorFactory extends NhiExecutorFactory {

    public static final String PROVIDER_ID = "nhi-scope-narrowing";
    public static final String SCOPE_REQUIRED = "scope-required";
    public static final String ALLOWED_DEFAULT_SCOPES = "allowed-default-scopes";
    public static final String SEPARATORS = "separators";
    public static final String FORBIDDEN_SCOPES = "forbidden-scopes";
    public static final String MAX_SCOPES = "max-scopes";
    public static final String MAX_TOKEN_LIFESPAN = "max-token-lifespan";
    public static final String RFC9068_HEADER = "rfc9068-header";
    public static final String AUTO_CONFIGURE = "auto-configure";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = withMode(ProviderConfigurationBuilder.create()
            .property().name(SCOPE_REQUIRED).label("Scope required").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(true)
            .helpText("Refuse client_credentials requests without a scope parameter. When off, such a request gets only the client's allowed default scopes.")
            .add()
            .property().name(ALLOWED_DEFAULT_SCOPES).label("Allowed default scopes").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .defaultValue(String.join("##", ScopeNarrowingConfig.DEFAULT_ALLOWED_DEFAULT_SCOPES))
            .helpText("The only client scopes a machine client may have as default scopes; everything else must be optional and requested.")
            .add()
            .property().name(SEPARATORS).label("Scope separators").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(ScopeNarrowingConfig.DEFAULT_SEPARATORS)
            .helpText("Characters that separate a scope from a narrower one: with ':.' the scope payments is too broad when payments:read or payments.read exists.")
            .add()
            .property().name(FORBIDDEN_SCOPES).label("Forbidden scopes").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Scopes never granted to machine clients, whether or not narrower ones exist.")
            .add()
            .property().name(MAX_SCOPES).label("Maximum scopes per token").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(ScopeNarrowingConfig.DEFAULT_MAX_SCOPES)
            .helpText("Refuse requests for more scopes than this (1 to 50).")
            .add()
            .property().name(MAX_TOKEN_LIFESPAN).label("Maximum access token lifespan (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(ScopeNarrowingConfig.DEFAULT_MAX_TOKEN_LIFESPAN)
            .helpText("Machine access tokens never live longer than this (10 to 86400). A client asking for longer is refused when saved.")
            .add()
            .property().name(RFC9068_HEADER).label("RFC 9068 token type").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(true)
            .helpText("Require the client setting that gives access tokens the header type at+jwt (RFC 9068).")
            .add()
            .property().name(AUTO_CONFIGURE).label("Auto-configure").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue(false)
            .helpText("When a machine client is created or updated, fix its settings instead of refusing: full scope off, disallowed default scopes removed, lifespan capped, refresh tokens off, RFC 9068 type on.")
            .add()
            .build());

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ScopeNarrowingExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "NHI Guard: least-privilege client_credentials tokens. Requires an explicit, narrow scope; keeps default scopes, "
                + "full scope and refresh tokens away from machine clients; caps the token lifespan.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
