package dev.nhiguard.scope;

import dev.nhiguard.classification.JudgedBefore;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.ClientSnapshots;
import dev.nhiguard.policy.Enforcement;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.RegistrationGovernance;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.TokenLifespan;
import dev.nhiguard.policy.TokenMoments;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

class ScopeNarrowingExecutor implements ClientPolicyExecutorProvider<ScopeNarrowingExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(ScopeNarrowingExecutor.class);
    private static final PassingRequests PASSING = new PassingRequests();

    private final KeycloakSession session;
    private ScopeNarrowingConfig config = ScopeNarrowingConfig.defaults();
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    ScopeNarrowingExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(ScopeNarrowingExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
        this.mode = configuration.mode();
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
        Enforcement.judge(session, ScopeNarrowingExecutorFactory.PROVIDER_ID, mode, context, () -> decide(context));
    }

    private void decide(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTER -> onCreate((ClientCRUDContext) context);
            case UPDATE -> onUpdate((ClientCRUDContext) context);
            // after the save, inside its transaction: the client exactly as stored, Keycloak's defaults included
            case REGISTERED, UPDATED -> onSaved((ClientCRUDContext) context);
            case SERVICE_ACCOUNT_TOKEN_REQUEST -> onTokenRequest((ServiceAccountTokenRequestContext) context);
            case SERVICE_ACCOUNT_TOKEN_RESPONSE -> onTokenResponse((ServiceAccountTokenResponseContext) context);
            default -> {
                if (TokenMoments.isTokenPath(context.getEvent())) {
                    onOtherGrant(context);
                }
            }
        }
    }

    // ---- create and update ----

    private void onCreate(ClientCRUDContext context) {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        if (proposed != null && Boolean.TRUE.equals(proposed.isServiceAccountsEnabled()) && autoConfigures()) {
            autoConfigure(proposed, null);
        }
    }

    private void onUpdate(ClientCRUDContext context) throws ClientPolicyException {
        RegistrationGovernance.refuseGovernanceChanges(context);
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel stored = context.getTargetClient();
        if (proposed == null || stored == null) {
            return;
        }
        // judged by what the edit changes: what the client broke before it may keep, nothing new
        // only if this policy judged the stored client as a machine identity: else the save is judged as a create
        List<FieldViolation> before = JudgedBefore.byExecutor(session, context, ScopeNarrowingExecutorFactory.PROVIDER_ID, true)
                ? refusedOnSave(ClientSnapshots.of(stored)) : List.of();
        RequestNotes.of(session).violationsBefore(ScopeNarrowingExecutorFactory.PROVIDER_ID, stored.getId(), before);
        if (autoConfigures()) {
            autoConfigure(proposed, stored);
        }
        ClientSnapshot after = ClientSnapshots.projected(stored, proposed);
        if (after.serviceAccountsEnabled()) {
            PolicyRefusal.refuseSaveIfWorse(LOG, session, after.clientId(), before, refusedOnSave(after), false);
        }
    }

    private void onSaved(ClientCRUDContext context) throws ClientPolicyException {
        ClientModel saved = context.getTargetClient();
        if (saved == null || !saved.isServiceAccountsEnabled()) {
            return;
        }
        List<FieldViolation> after = refusedOnSave(ClientSnapshots.of(saved));
        if (context.getEvent() == ClientPolicyEvent.REGISTERED) {
            PolicyRefusal.refuseSave(LOG, saved.getClientId(), after, true);
        } else {
            PolicyRefusal.refuseSaveIfWorse(LOG, session, saved.getClientId(),
                    RequestNotes.of(session).violationsBefore(ScopeNarrowingExecutorFactory.PROVIDER_ID, saved.getId()), after, true);
        }
    }

    private List<FieldViolation> refusedOnSave(ClientSnapshot client) {
        return new MachineClientRules(config).refusedOnSave(client, realmLifespans());
    }

    /** Report-only changes nothing: no client is fixed up, no token shortened. */
    private boolean autoConfigures() {
        return config.autoConfigure() && mode == EnforcementMode.ENFORCE;
    }

    private RealmLifespans realmLifespans() {
        return RealmLifespans.of(session.getContext().getRealm());
    }

    private List<String> realmDefaultScopes(String protocol) {
        RealmModel realm = session.getContext().getRealm();
        return realm.getDefaultClientScopesStream(true)
                .filter(scope -> protocol.equals(scope.getProtocol()))
                .map(ClientScopeModel::getName)
                .toList();
    }

    /** Brings the client within the policy instead of refusing it; nothing is stored if the save fails later. */
    private void autoConfigure(ClientRepresentation proposed, ClientModel existing) {
        proposed.setFullScopeAllowed(false);
        proposed.setStandardFlowEnabled(false);
        proposed.setImplicitFlowEnabled(false);
        proposed.setDirectAccessGrantsEnabled(false);
        Map<String, String> attributes = proposed.getAttributes() != null ? new HashMap<>(proposed.getAttributes()) : new HashMap<>();
        String lifespan = attributes.containsKey(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN) || existing == null
                ? attributes.get(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN) : existing.getAttribute(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN);
        TokenLifespan own = TokenLifespan.read(lifespan);
        // unset means "the realm's", which may be longer than the cap: pin it, as any odd or too long value
        if (!TokenLifespan.isCanonical(lifespan) || own.kind() != TokenLifespan.Kind.SECONDS || own.seconds() > config.maxTokenLifespan()) {
            attributes.put(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN, String.valueOf(config.maxTokenLifespan()));
        }
        attributes.put(NhiAttributes.KC_CLIENT_CREDENTIALS_REFRESH, "false");
        NhiAttributes.KC_GRANT_SWITCHES.forEach(grant -> attributes.put(grant, "false"));
        if (config.rfc9068Header()) {
            attributes.put(NhiAttributes.KC_RFC9068_HEADER, "true");
        }
        proposed.setAttributes(attributes);
        if (existing == null) {
            List<String> wanted = proposed.getDefaultClientScopes() != null ? proposed.getDefaultClientScopes()
                    : realmDefaultScopes(proposed.getProtocol() != null ? proposed.getProtocol() : OIDCLoginProtocol.LOGIN_PROTOCOL);
            proposed.setDefaultClientScopes(wanted.stream().filter(config.allowedDefaultScopes()::contains).toList());
            proposed.setProtocolMappers(List.of());
        } else {
            for (ClientScopeModel scope : existing.getClientScopes(true).values()) {
                if (!config.allowedDefaultScopes().contains(scope.getName())) {
                    existing.removeClientScope(scope);
                }
            }
            proposed.setProtocolMappers(List.of());
        }
    }

    // ---- token endpoint ----

    private void onTokenRequest(ServiceAccountTokenRequestContext context) throws ClientPolicyException {
        ClientModel client = context.getClientSession().getClient();
        String grant = TokenMoments.grant(session, context);
        if (!OAuth2Constants.CLIENT_CREDENTIALS.equals(grant)) {
            refuseGrant(client, grant);
        }
        ClientSnapshot snapshot = ClientSnapshots.forRequest(session, client);
        String scope = context.getParams().getFirst(OAuth2Constants.SCOPE);
        RequestNotes.of(session).scopeParameter(scope);
        if (PASSING.contains(config, snapshot, scope)) {
            return;
        }
        // a client changed behind the policy's back (partial import, scope or mapper endpoints) is refused, not trusted
        List<FieldViolation> drift = new MachineClientRules(config).refusedAtTokenTime(snapshot);
        if (!drift.isEmpty()) {
            throw PolicyRefusal.refuseTokenForSettings(LOG, client.getClientId(), "nhiClientMisconfigured", drift);
        }
        List<String> available = new java.util.ArrayList<>(snapshot.defaultScopes().size() + snapshot.optionalScopes().size());
        available.addAll(snapshot.defaultScopes());
        available.addAll(snapshot.optionalScopes());
        var refusal = new ScopeRequestRules(config).check(scope, available);
        if (refusal.isPresent()) {
            throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.INVALID_SCOPE, refusal.get());
        }
        PASSING.add(config, snapshot, scope);
    }

    private void onTokenResponse(ServiceAccountTokenResponseContext context) {
        TokenManager.AccessTokenResponseBuilder builder = context.getAccessTokenResponseBuilder();
        AccessToken token = builder.getAccessToken();
        if (mode == EnforcementMode.ENFORCE && token != null && token.getIat() != null
                && (token.getExp() == null || token.getExp() - token.getIat() > config.maxTokenLifespan())) {
            token.exp(token.getIat() + config.maxTokenLifespan());
        }
        if (token != null && token.getIat() != null && token.getExp() != null) {
            RequestNotes.of(session).token((int) (token.getExp() - token.getIat()));
        }
        if (mode == EnforcementMode.ENFORCE && builder.getRefreshToken() != null) {
            builder.removeRefreshToken();
        }
    }

    /** A machine identity gets tokens only through client_credentials, where every rule above is enforced. */
    private void onOtherGrant(ClientPolicyContext context) throws ClientPolicyException {
        ClientModel client = TokenMoments.client(session, context).orElse(null);
        if (client != null && client.isServiceAccountsEnabled()) {
            refuseGrant(client, TokenMoments.grant(session, context));
        }
    }

    private static void refuseGrant(ClientModel client, String grant) throws ClientPolicyException {
        throw PolicyRefusal.refuseToken(LOG, client.getClientId(), OAuthErrorException.UNAUTHORIZED_CLIENT,
                NhiMessages.format("nhiOnlyClientCredentials", SafeText.echo(String.valueOf(grant), 80)));
    }
}
