package dev.nhiguard.binding;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings a client needs for every token it gets to be bound to a key it holds: a confidential client that
 * authenticates with a key, RFC 8705 binding on, and no way to a token that Keycloak cannot bind. Judged when the
 * client is saved, at every token request, and in the inventory. Pure.
 */
public final class TokenBindingRules {

    private final TokenBindingConfig config;

    public TokenBindingRules(TokenBindingConfig config) {
        this.config = config;
    }

    public List<FieldViolation> check(ClientSnapshot client) {
        List<FieldViolation> violations = new ArrayList<>(ClassificationRules.check(client.attributes()));
        if (client.publicClient()) {
            violations.add(new FieldViolation("publicClient", NhiMessages.format("nhiPublicClientHoldsNoKey"), Finding.KEYLESS_AUTH));
        } else {
            String authenticator = client.authenticatorType();
            if (config.allowedAuthMethods().stream().noneMatch(m -> m.keycloakId().equals(authenticator))) {
                violations.add(new FieldViolation("clientAuthenticatorType", NhiMessages.format("nhiAuthNotKeyBound",
                        SafeText.echo(String.valueOf(authenticator), 40),
                        config.allowedAuthMethods().stream().map(KeyBoundAuthMethod::describe).collect(Collectors.joining(" or "))),
                        Finding.KEYLESS_AUTH));
            }
            String subject = client.attribute(NhiAttributes.KC_X509_SUBJECT_DN);
            boolean hasSubject = subject != null && !subject.isBlank();
            // private_key_jwt proves the key, not the certificate the token is bound to: without a registered subject any
            // certificate a trusted CA issued would do, so the subject is required for every key-based method
            if (!hasSubject) {
                violations.add(new FieldViolation(NhiAttributes.KC_X509_SUBJECT_DN, NhiMessages.format("nhiSubjectDnMissing"), Finding.KEYLESS_AUTH));
            }
            if (hasSubject && CertificateSubject.comparesAsRegex(client.attribute(NhiAttributes.KC_X509_REGEX))) {
                violations.add(new FieldViolation(NhiAttributes.KC_X509_REGEX, NhiMessages.format("nhiRegexSubject"), Finding.KEYLESS_AUTH));
            }
        }
        if (!client.isOn(NhiAttributes.KC_CERT_BOUND_TOKENS)) {
            violations.add(new FieldViolation(NhiAttributes.KC_CERT_BOUND_TOKENS, NhiMessages.format("nhiBindingRequired"), Finding.UNBOUND_TOKENS));
        }
        // Keycloak binds tokens at the token endpoint only: token exchange and the implicit flow hand out unbound ones
        if (client.isOn(NhiAttributes.KC_STANDARD_TOKEN_EXCHANGE)) {
            violations.add(new FieldViolation(NhiAttributes.KC_STANDARD_TOKEN_EXCHANGE, NhiMessages.format("nhiUnbindableGrant"), Finding.UNBOUND_TOKENS));
        }
        if (client.implicitFlowEnabled()) {
            violations.add(new FieldViolation("implicitFlowEnabled", NhiMessages.format("nhiUnbindableGrant"), Finding.UNBOUND_TOKENS));
        }
        return violations;
    }
}
