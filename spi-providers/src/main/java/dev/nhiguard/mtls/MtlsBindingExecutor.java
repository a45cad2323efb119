package dev.nhiguard.mtls;

import dev.nhiguard.shared.DescribedPolicyException;
import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.ServiceAccountClients;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.x509.X509ClientCertificateLookup;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class MtlsBindingExecutor implements ClientPolicyExecutorProvider<MtlsBindingExecutorConfiguration> {

    private static final String KEYCLOAK_DEFAULT_AUTHENTICATOR = "client-secret";
    private static final List<String> ATTRIBUTES = List.of(
            NhiAttributes.KC_CERT_BOUND_TOKENS, NhiAttributes.KC_X509_SUBJECT_DN, NhiAttributes.KC_X509_REGEX);

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
            case REGISTER, UPDATE -> onSave((ClientCRUDContext) context);
            case SERVICE_ACCOUNT_TOKEN_REQUEST -> onTokenRequest((ServiceAccountTokenRequestContext) context);
            default -> {
            }
        }
    }

    private void onSave(ClientCRUDContext context) throws ClientPolicyException {
        ClientRepresentation proposed = context.getProposedClientRepresentation();
        ClientModel existing = context.getTargetClient();
        if (proposed == null || isPublic(proposed, existing)) {
            return; // a public client holds no key to bind to
        }
        Map<String, String> attributes = ServiceAccountClients.effectiveAttributes(proposed, existing, ATTRIBUTES);
        if (config.autoConfigure() && !"true".equals(attributes.get(NhiAttributes.KC_CERT_BOUND_TOKENS))) {
            Map<String, String> sent = proposed.getAttributes() != null ? new HashMap<>(proposed.getAttributes()) : new HashMap<>();
            sent.put(NhiAttributes.KC_CERT_BOUND_TOKENS, "true");
            proposed.setAttributes(sent);
            attributes.put(NhiAttributes.KC_CERT_BOUND_TOKENS, "true");
        }
        List<FieldViolation> violations = new ArrayList<>();
        String authenticator = proposed.getClientAuthenticatorType() != null ? proposed.getClientAuthenticatorType()
                : existing != null ? existing.getClientAuthenticatorType() : KEYCLOAK_DEFAULT_AUTHENTICATOR;
        if (config.allowedAuthMethods().stream().noneMatch(m -> m.keycloakId().equals(authenticator))) {
            violations.add(new FieldViolation("clientAuthenticatorType", NhiMessages.format("nhiAuthNotKeyBound",
                    SafeText.echo(String.valueOf(authenticator), 40),
                    config.allowedAuthMethods().stream().map(KeyBoundAuthMethod::describe).collect(Collectors.joining(" or ")))));
        }
        if (KeyBoundAuthMethod.TLS_CLIENT_AUTH.keycloakId().equals(authenticator)) {
            String subject = attributes.get(NhiAttributes.KC_X509_SUBJECT_DN);
            if (subject == null || subject.isBlank()) {
                violations.add(new FieldViolation(NhiAttributes.KC_X509_SUBJECT_DN, NhiMessages.format("nhiSubjectDnMissing")));
            }
        }
        if (!"true".equals(attributes.get(NhiAttributes.KC_CERT_BOUND_TOKENS))) {
            violations.add(new FieldViolation(NhiAttributes.KC_CERT_BOUND_TOKENS, NhiMessages.format("nhiBindingRequired")));
        }
        if (!violations.isEmpty()) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA,
                    violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; ")));
        }
    }

    private static boolean isPublic(ClientRepresentation proposed, ClientModel existing) {
        if (proposed.isPublicClient() != null) {
            return proposed.isPublicClient();
        }
        return existing != null && existing.isPublicClient();
    }

    private void onTokenRequest(ServiceAccountTokenRequestContext context) throws ClientPolicyException {
        ClientModel client = context.getClientSession().getClient();
        X509Certificate certificate = presentedCertificate();
        if (certificate == null) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateMissing"));
        }
        String subject = client.getAttribute(NhiAttributes.KC_X509_SUBJECT_DN);
        if (subject != null && !subject.isBlank()
                && !CertificateSubject.matches(certificate, subject, "true".equals(client.getAttribute(NhiAttributes.KC_X509_REGEX)))) {
            throw new DescribedPolicyException(OAuthErrorException.INVALID_CLIENT, NhiMessages.format("nhiCertificateWrongSubject",
                    SafeText.echo(certificate.getSubjectX500Principal().getName(), 120)));
        }
        remember(client, certificate);
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

    /** Keeps the certificate last used, for the inventory's expiry warning; written only when it changes. */
    private static void remember(ClientModel client, X509Certificate certificate) {
        String thumbprint = CertificateSubject.thumbprint(certificate);
        if (!thumbprint.equals(client.getAttribute(NhiAttributes.CERT_THUMBPRINT))) {
            client.setAttribute(NhiAttributes.CERT_THUMBPRINT, thumbprint);
            client.setAttribute(NhiAttributes.CERT_NOT_AFTER, certificate.getNotAfter().toInstant().toString());
        }
    }
}
