package dev.nhiguard.scope;

import dev.nhiguard.shared.DescribedPolicyException;
import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.ServiceAccountClients;
import dev.nhiguard.shared.TokenLifespan;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

class ScopeNarrowingExecutor implements ClientPolicyExecutorProvider<ScopeNarrowingExecutorConfiguration> {

    private final KeycloakSession session;
    private ScopeNarrowingConfig config = ScopeNarrowingConfig.defaults();

    ScopeNarrowingExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(ScopeNarrowingExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
    }

    @Override
    public Class<ScopeNarrowingExecutorConfiguration> getExecutorConfigurationClass() {
        return ScopeNarrowingExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return ScopeNarrowingExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTER, UPDATE -> onSave((ClientCRUDContext) context);
            case SERVICE_ACCOUNT_TOKEN_REQUEST -> onTokenRequest((ServiceAccountTokenRequestContext) context);
            case SERVICE_ACCOUNT_TOKEN_RESPONSE -> onTokenResponse((ServiceAccountTokenResponseContext) context);
            default -> {
            }
        }
    }

    // ---- create and update ----

    private void onSave(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel existing = context.getTargetClient();
        if (proposed == null || !ServiceAccountClients.isServiceAccountClient(proposed, existing)) {
            return;
        }
        if (config.autoConfigure()) {
            autoConfigure(proposed, existing);
        }
        List<FieldViolation> violations = new MachineClientRules(config).check(viewOf(proposed, existing), false);
        if (!violations.isEmpty()) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, describe(violations));
        }
    }

    private MachineClientView viewOf(ClientRepresentation proposed, ClientModel existing) {
        boolean fullScope = proposed.isFullScopeAllowed() != null ? proposed.isFullScopeAllowed()
                : existing == null || existing.isFullScopeAllowed(); // Keycloak's default for a new client is on
        Map<String, String> attributes = ServiceAccountClients.effectiveAttributes(proposed, existing, MachineClientRules.ATTRIBUTES);
        return new MachineClientView(fullScope, defaultScopesAfterSave(proposed, existing), attributes);
    }

    /** An update never changes client scopes (they have their own endpoints); a create without a list gets the realm's. */
    private List<String> defaultScopesAfterSave(ClientRepresentation proposed, ClientModel existing) {
        if (existing != null) {
            return new ArrayList<>(existing.getClientScopes(true).keySet());
        }
        if (proposed.getDefaultClientScopes() != null) {
            return proposed.getDefaultClientScopes();
        }
        return realmDefaultScopes(protocolOf(proposed));
    }

    private List<String> realmDefaultScopes(String protocol) {
        RealmModel realm = session.getContext().getRealm();
        return realm.getDefaultClientScopesStream(true)
                .filter(scope -> protocol.equals(scope.getProtocol()))
                .map(ClientScopeModel::getName)
                .toList();
    }

    private static String protocolOf(ClientRepresentation proposed) {
        return proposed.getProtocol() != null ? proposed.getProtocol() : OIDCLoginProtocol.LOGIN_PROTOCOL;
    }

    /** Brings the client within the policy instead of refusing it; nothing is stored if the save fails later. */
    private void autoConfigure(ClientRepresentation proposed, ClientModel existing) {
        proposed.setFullScopeAllowed(false);
        Map<String, String> attributes = proposed.getAttributes() != null ? new HashMap<>(proposed.getAttributes()) : new HashMap<>();
        String lifespan = ServiceAccountClients.effectiveAttributes(proposed, existing,
                List.of(OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN)).get(OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN);
        // unset or non-positive means "the realm's", which may be longer than the cap: pin it
        if (TokenLifespan.ownSeconds(lifespan).stream().noneMatch(seconds -> seconds <= config.maxTokenLifespan())) {
            attributes.put(OIDCConfigAttributes.ACCESS_TOKEN_LIFESPAN, String.valueOf(config.maxTokenLifespan()));
        }
        attributes.put(OIDCConfigAttributes.USE_REFRESH_TOKEN_FOR_CLIENT_CREDENTIALS_GRANT, "false");
        if (config.rfc9068Header()) {
            attributes.put(OIDCConfigAttributes.USE_RFC9068_ACCESS_TOKEN_HEADER_TYPE, "true");
        }
        proposed.setAttributes(attributes);
        if (existing == null) {
            List<String> wanted = proposed.getDefaultClientScopes() != null ? proposed.getDefaultClientScopes()
                    : realmDefaultScopes(protocolOf(proposed));
            proposed.setDefaultClientScopes(wanted.stream().filter(config.allowedDefaultScopes()::contains).toList());
        } else {
            for (ClientScopeModel scope : existing.getClientScopes(true).values()) {
                if (!config.allowedDefaultScopes().contains(scope.getName())) {
                    existing.removeClientScope(scope);
                }
            }
        }
    }

    // ---- token endpoint ----

    private void onTokenRequest(ServiceAccountTokenRequestContext context) throws ClientPolicyException {
        ClientModel client = context.getClientSession().getClient();
        Set<String> defaultScopes = client.getClientScopes(true).keySet();
        // a client changed behind the policy's back (scopes edited directly, realm import) is refused, not trusted
        List<FieldViolation> drift = new MachineClientRules(config).check(new MachineClientView(
                client.isFullScopeAllowed(), new ArrayList<>(defaultScopes), attributesOf(client)), true);
        if (!drift.isEmpty()) {
            throw new DescribedPolicyException(OAuthErrorException.UNAUTHORIZED_CLIENT,
                    NhiMessages.format("nhiClientMisconfigured", describe(drift)));
        }
        Set<String> available = new HashSet<>(defaultScopes);
        available.addAll(client.getClientScopes(false).keySet());
        String requested = context.getParams().getFirst(OAuth2Constants.SCOPE);
        var refusal = new ScopeRequestRules(config).check(requested, available);
        if (refusal.isPresent()) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_SCOPE, refusal.get());
        }
    }

    private static Map<String, String> attributesOf(ClientModel client) {
        Map<String, String> attributes = new HashMap<>();
        for (String name : MachineClientRules.ATTRIBUTES) {
            attributes.put(name, client.getAttribute(name));
        }
        return attributes;
    }

    private void onTokenResponse(ServiceAccountTokenResponseContext context) {
        TokenManager.AccessTokenResponseBuilder builder = context.getAccessTokenResponseBuilder();
        AccessToken token = builder.getAccessToken();
        if (token != null && token.getIat() != null && token.getExp() != null
                && token.getExp() - token.getIat() > config.maxTokenLifespan()) {
            token.exp(token.getIat() + config.maxTokenLifespan());
        }
        if (builder.getRefreshToken() != null) {
            builder.removeRefreshToken();
        }
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; "));
    }
}
