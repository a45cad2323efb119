package dev.nhiguard.binding;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings a client needs for every token it gets to be bound to a key it holds: a confidential client that
 * authenticates with a key (or an assertion from a trusted issuer), one of the accepted sender constraints on and the
 * other off, and no way to a token that Keycloak cannot bind. Judged when the client is saved, at every token
 * request, and in the inventory. Pure.
 */
public final class TokenBindingRules {

    private final TokenBindingConfig config;

    public TokenBindingRules(TokenBindingConfig config) {
        this.config = config;
    }

    /**
     * The constraint the client's tokens are bound by, when exactly one accepted constraint is on; empty when none is,
     * when both are (Keycloak then types the token DPoP and binds it to the certificate: no resource server can use
     * it), or when only a constraint the policy does not accept is on.
     */
    public Optional<SenderConstraint> boundBy(ClientSnapshot client) {
        boolean mtls = client.isOn(SenderConstraint.MTLS.attribute());
        boolean dpop = client.isOn(SenderConstraint.DPOP.attribute());
        if (mtls == dpop) {
            return Optional.empty();
        }
        SenderConstraint on = mtls ? SenderConstraint.MTLS : SenderConstraint.DPOP;
        return config.accepts(on) ? Optional.of(on) : Optional.empty();
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
            if (boundToCertificate(client)) {
                certificateSubject(client, violations);
            }
        }
        binding(client, violations);
        // Keycloak binds tokens at the token endpoint only: token exchange and the implicit flow hand out unbound ones
        if (client.isOn(NhiAttributes.KC_STANDARD_TOKEN_EXCHANGE)) {
            violations.add(new FieldViolation(NhiAttributes.KC_STANDARD_TOKEN_EXCHANGE, NhiMessages.format("nhiUnbindableGrant"), Finding.UNBOUND_TOKENS));
        }
        if (client.implicitFlowEnabled()) {
            violations.add(new FieldViolation("implicitFlowEnabled", NhiMessages.format("nhiUnbindableGrant"), Finding.UNBOUND_TOKENS));
        }
        return violations;
    }

    /**
     * Whether the client's tokens are bound to its certificate, or will have to be (the policy accepts nothing else):
     * then the certificate's subject is what the binding rests on. Undecided while the client may still choose DPoP.
     */
    private boolean boundToCertificate(ClientSnapshot client) {
        SenderConstraint target = boundBy(client)
                .orElse(config.senderConstraints().size() == 1 ? config.senderConstraints().get(0) : null);
        return target == SenderConstraint.MTLS;
    }

    private static void certificateSubject(ClientSnapshot client, List<FieldViolation> violations) {
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

    private void binding(ClientSnapshot client, List<FieldViolation> violations) {
        boolean mtls = client.isOn(SenderConstraint.MTLS.attribute());
        boolean dpop = client.isOn(SenderConstraint.DPOP.attribute());
        if (mtls && dpop) {
            violations.add(new FieldViolation(SenderConstraint.DPOP.attribute(), NhiMessages.format("nhiBothBindings"), Finding.UNBOUND_TOKENS));
        } else if (boundBy(client).isEmpty()) {
            SenderConstraint wanted = config.senderConstraints().get(0);
            String accepted = config.senderConstraints().stream().map(SenderConstraint::attribute).collect(Collectors.joining(" or "));
            violations.add(new FieldViolation(wanted.attribute(), mtls || dpop
                    ? NhiMessages.format("nhiBindingNotAccepted", accepted)
                    : NhiMessages.format(config.senderConstraints().size() == 1 ? bindingRequiredKey(wanted) : "nhiBindingRequiredEither", accepted),
                    Finding.UNBOUND_TOKENS));
        }
    }

    private static String bindingRequiredKey(SenderConstraint constraint) {
        return constraint == SenderConstraint.MTLS ? "nhiBindingRequired" : "nhiDpopBindingRequired";
    }
}
