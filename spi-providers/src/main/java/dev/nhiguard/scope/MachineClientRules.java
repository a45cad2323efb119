package dev.nhiguard.scope;

import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.TokenLifespan;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;

import java.util.ArrayList;
import java.util.List;

/** Which settings of a machine client put more in its tokens than it asks for. Pure. */
public final class MachineClientRules {

    public static final List<String> ATTRIBUTES = List.of(
            OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN,
            OIDCConfigAttributes.USE_REFRESH_TOKEN_FOR_CLIENT_CREDENTIALS_GRANT,
            OIDCConfigAttributes.USE_RFC9068_ACCESS_TOKEN_HEADER_TYPE);

    private final ScopeNarrowingConfig config;

    public MachineClientRules(ScopeNarrowingConfig config) {
        this.config = config;
    }

    /**
     * @param atTokenTime at the token endpoint a too-long lifespan is capped rather than refused, so only
     *                    settings that would widen the token are reported
     */
    public List<FieldViolation> check(MachineClientView client, boolean atTokenTime) {
        List<FieldViolation> violations = new ArrayList<>();
        if (client.fullScopeAllowed()) {
            violations.add(new FieldViolation("fullScopeAllowed", NhiMessages.format("nhiFullScopeAllowed")));
        }
        List<String> extra = extraDefaultScopes(client);
        if (!extra.isEmpty()) {
            violations.add(new FieldViolation("defaultClientScopes", NhiMessages.format("nhiDefaultScopesNotAllowed",
                    String.join(", ", extra), String.join(", ", config.allowedDefaultScopes()))));
        }
        if (!atTokenTime) {
            // a value that is not a positive number means "the realm's"; the token response caps that one
            TokenLifespan.ownSeconds(client.attributes().get(OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN))
                    .stream().filter(seconds -> seconds > config.maxTokenLifespan())
                    .forEach(seconds -> violations.add(new FieldViolation(OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN,
                            NhiMessages.format("nhiLifespanTooLong", String.valueOf(seconds), config.maxTokenLifespan()))));
        }
        if ("true".equalsIgnoreCase(client.attributes().get(OIDCConfigAttributes.USE_REFRESH_TOKEN_FOR_CLIENT_CREDENTIALS_GRANT))) {
            violations.add(new FieldViolation(OIDCConfigAttributes.USE_REFRESH_TOKEN_FOR_CLIENT_CREDENTIALS_GRANT,
                    NhiMessages.format("nhiRefreshTokenNotAllowed")));
        }
        if (config.rfc9068Header()
                && !"true".equalsIgnoreCase(client.attributes().get(OIDCConfigAttributes.USE_RFC9068_ACCESS_TOKEN_HEADER_TYPE))) {
            violations.add(new FieldViolation(OIDCConfigAttributes.USE_RFC9068_ACCESS_TOKEN_HEADER_TYPE,
                    NhiMessages.format("nhiRfc9068Required")));
        }
        return violations;
    }

    List<String> extraDefaultScopes(MachineClientView client) {
        return client.defaultScopes().stream().filter(s -> !config.allowedDefaultScopes().contains(s)).sorted().toList();
    }
}
