package dev.nhiguard.mtls;

import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.ClientSnapshots;
import dev.nhiguard.shared.DescribedPolicyException;
import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.PolicyRefusal;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.TokenMoments;
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

class MtlsBindingExecutor implements ClientPolicyExecutorProvider<MtlsBindingExecutorConfiguration> {

    private static final Logger LOG = Logger.getLogger(MtlsBindingExecutor.class);
    private static final String DPOP_HEADER = "DPoP";

    private final KeycloakSession session;
    private MtlsBindingConfig config = MtlsBindingConfig.defaults();

    MtlsBindingExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(MtlsBindingExecutorConfiguration configuration) {
        this.config = configuration.toConfig();
    }

    @Override
    public Class<MtlsBindingExecutorConfiguration> getExecutorConfigurationClass() {
        return MtlsBindingExecutorConfiguration.class;
    }

    @Override
    public String getProviderId() {
        return MtlsBindingExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
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

    private void autoConfigure(ClientRepresentation proposed) {
        if (proposed != null && config.autoConfigure()) {
            Map<String, String> sent = proposed.getAttributes() != null ? new HashMap<>(proposed.getAttributes()) : new HashMap<>();
            sent.put(NhiAttributes.KC_CERT_BOUND_TOKENS, "true");
            proposed.setAttributes(sent);
        }
    }

    private void onUpdate(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel stored = context.getTargetClient();
        if (proposed == null || stored == null) {
            return;
        }
        autoConfigure(proposed);
        refuseSave(ClientSnapshots.projected(stored, proposed), false);
    }

    private void onSaved(ClientCRUDContext context) throws ClientPolicyException {
        if (context.getTargetClient() != null) {
            refuseSave(ClientSnapshots.of(context.getTargetClient()), true);
        }
    }

    private void refuseSave(ClientSnapshot client, boolean alreadyWritten) throws ClientPolicyException {
        PolicyRefusal.refuseSave(LOG, session, client.clientId(), new MtlsBindingRules(config).check(client), alreadyWritten);
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
        List<FieldViolation> drift = new MtlsBindingRules(config).check(ClientSnapshots.forRequest(session, client));
        if (!drift.isEmpty()) {
            throw PolicyRefusal.refuseTokenForSettings(LOG, client.getClientId(), "nhiBindingPolicyNotMet", drift);
        }
        if (!TokenMoments.isMinting(context.getEvent())) {
            return; // a flow starts (often in a browser); the token request that ends it brings the certificate
        }
        if (session.getContext().getRequestHeaders() != null
                && session.getContext().getRequestHeaders().getHeaderString(DPOP_HEADER) != null) {
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
        Usage.recorder(session).buffer().certificate(client.getRealm().getId(), client.getId(), new PendingUsage.Certificate(
                CertificateSubject.thumbprint(certificate), certificate.getNotAfter().getTime(), System.currentTimeMillis()));
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
