package dev.nhiguard.binding;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.classification.JudgedBefore;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.ClientSnapshots;
import dev.nhiguard.policy.DescribedPolicyException;
import dev.nhiguard.policy.Enforcement;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.policy.PolicyRefusal;
import dev.nhiguard.policy.RegistrationGovernance;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.policy.TokenMoments;
import dev.nhiguard.usage.PendingUsage;
import dev.nhiguard.usage.Usage;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.x509.X509ClientCertificateLookup;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class TokenBindingExecutor implements ClientPolicyExecutorProvider<TokenBindingExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(TokenBindingExecutor.class);
    private static final String DPOP_HEADER = "DPoP";

    private final KeycloakSession session;
    private TokenBindingConfig config = TokenBindingConfig.defaults();
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    TokenBindingExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(TokenBindingExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
        this.mode = configuration.mode();
    }

    @Override
    public Class<TokenBindingExecutorConfiguration> getExecutorConfigurationClass() {
        return TokenBindingExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return TokenBindingExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Enforcement.judge(session, TokenBindingExecutorFactory.PROVIDER_ID, mode, context, () -> decide(context));
    }

    private void decide(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTER -> autoConfigure(((ClientCRUDContext) context).getProposedClientRepresentation());
            case UPDATE -> onUpdate((ClientCRUDContext) context);
            case REGISTERED, UPDATED -> onSaved((ClientCRUDContext) context);
            default -> {
                if (TokenMoments.isTokenPath(context.getEvent())) {
                    onTokenPath(context);
                }
            }
        }
    }

    // ---- create and update ----

    /** Switches the first accepted constraint on for a client that asks for none; a client that chose one keeps it. */
    private void autoConfigure(ClientRepresentation proposed) {
        if (proposed != null && config.autoConfigure() && mode == EnforcementMode.ENFORCE) {
            Map<String, String> sent = proposed.getAttributes() != null ? new HashMap<>(proposed.getAttributes()) : new HashMap<>();
            boolean chosen = java.util.Arrays.stream(SenderConstraint.values()).anyMatch(c -> "true".equalsIgnoreCase(sent.get(c.attribute())));
            if (!chosen) {
                sent.put(config.senderConstraints().get(0).attribute(), "true");
                proposed.setAttributes(sent);
            }
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
        // only if this policy selected the stored client: a tier or attribute it now matches is judged as a create
        List<FieldViolation> before = JudgedBefore.byExecutor(session, context, TokenBindingExecutorFactory.PROVIDER_ID, false)
                ? new TokenBindingRules(config).check(ClientSnapshots.of(stored)) : List.of();
        RequestNotes.of(session).violationsBefore(TokenBindingExecutorFactory.PROVIDER_ID, stored.getId(), before);
        autoConfigure(proposed);
        PolicyRefusal.refuseSaveIfWorse(LOG, session, stored.getClientId(), before,
                new TokenBindingRules(config).check(ClientSnapshots.projected(stored, proposed)), false);
    }

    private void onSaved(ClientCRUDContext context) throws ClientPolicyException {
        ClientModel saved = context.getTargetClient();
        if (saved == null) {
            return;
        }
        List<FieldViolation> after = new TokenBindingRules(config).check(ClientSnapshots.of(saved));
        if (context.getEvent() == ClientPolicyEvent.REGISTERED) {
            PolicyRefusal.refuseSave(LOG, saved.getClientId(), after, true);
        } else {
            PolicyRefusal.refuseSaveIfWorse(LOG, session, saved.getClientId(),
                    RequestNotes.of(session).violationsBefore(TokenBindingExecutorFactory.PROVIDER_ID, saved.getId()), after, true);
        }
    }

    // ---- every grant ----

    private void onTokenPath(ClientPolicyContext context) throws ClientPolicyException {
        ClientModel client = TokenMoments.client(session, context).orElse(null);
        if (client == null) {
            return;
        }
        if (context.getEvent() == ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST || TokenMoments.isImplicitOrHybrid(context)) {
            refuse(client, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    NhiMessages.format("nhiGrantNotBindable", SafeText.echo(String.valueOf(TokenMoments.grant(session, context)), 80)));
        }
        // settings changed behind the policy's back (partial import, realm import) get no token rather than an unbound one
        TokenBindingRules rules = new TokenBindingRules(config);
        ClientSnapshot snapshot = ClientSnapshots.forRequest(session, client);
        List<FieldViolation> drift = rules.check(snapshot);
        if (!drift.isEmpty()) {
            throw PolicyRefusal.refuseTokenForSettings(LOG, client.getClientId(), "nhiBindingPolicyNotMet", drift);
        }
        if (!TokenMoments.isMinting(context.getEvent())) {
            return; // a flow starts (often in a browser); the token request that ends it brings the certificate or proof
        }
        boolean proofSent = session.getContext().getRequestHeaders() != null
                && session.getContext().getRequestHeaders().getHeaderString(DPOP_HEADER) != null;
        if (rules.boundBy(snapshot).orElse(null) == SenderConstraint.DPOP) {
            // Keycloak checks a DPoP proof at the token endpoint before any grant runs (signature, method, URL, age, replay)
            // and binds the token to its key; a door that reaches this event without one would mint an unbound token
            if (!proofSent) {
                refuse(client, OAuthErrorException.INVALID_DPOP_PROOF, NhiMessages.format("nhiDpopProofMissing"));
            }
            return;
        }
        if (proofSent) {
            // Keycloak would type the token DPoP and bind it to the certificate alone (its certificate binding replaces
            // the DPoP key's cnf): a resource server would read a DPoP token without the key it is bound to
            refuse(client, OAuthErrorException.INVALID_REQUEST, NhiMessages.format("nhiDpopWithCertificateBinding"));
        }
        X509Certificate certificate = presentedCertificate();
        if (certificate == null) {
            refuse(client, OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateMissing"));
        }
        String subject = client.getAttribute(NhiAttributes.KC_X509_SUBJECT_DN);
        if (subject != null && !subject.isBlank()
                && !CertificateSubject.matches(certificate, subject, CertificateSubject.comparesAsRegex(client.getAttribute(NhiAttributes.KC_X509_REGEX)))) {
            refuse(client, OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateWrongSubject",
                    SafeText.echo(certificate.getSubjectX500Principal().getName(), 120)));
        }
        String issuer = client.getAttribute(NhiAttributes.KC_X509_CA_SUBJECT_DN);
        if (issuer != null && !issuer.isBlank() && !CertificateSubject.issuedBy(certificate, issuer)) {
            refuse(client, OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateWrongIssuer",
                    SafeText.echo(certificate.getIssuerX500Principal().getName(), 120)));
        }
        // the identity-context record's OCSF certificate object requires the issuer and serial number
        RequestNotes.of(session).certificate(CertificateSubject.thumbprint(certificate), certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16));
        Usage.buffer(session).ifPresent(usage -> usage.certificate(client.getRealm().getId(), client.getId(), new PendingUsage.Certificate(
                CertificateSubject.thumbprint(certificate), certificate.getNotAfter().getTime(), PackClock.millis())));
    }

    private static void refuse(ClientModel client, String error, String description) throws ClientPolicyException {
        throw PolicyRefusal.refuseToken(LOG, client.getClientId(), error, description);
    }

    private X509Certificate presentedCertificate() throws ClientPolicyException {
        X509ClientCertificateLookup lookup = session.getProvider(X509ClientCertificateLookup.class);
        try {
            X509Certificate[] chain = lookup == null ? null : lookup.getCertificateChain(session.getContext().getHttpRequest());
            return chain == null || chain.length == 0 ? null : chain[0];
        } catch (GeneralSecurityException e) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateUnreadable"));
        }
    }
}
