package dev.nhiguard.binding;

import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBindingRulesTest {

    private static final TokenBindingConfig MTLS_ONLY = TokenBindingConfig.defaults();
    private static final TokenBindingConfig DPOP_ONLY = new TokenBindingConfig(List.of(KeyBoundAuthMethod.values()),
            List.of(SenderConstraint.DPOP), false);
    private static final TokenBindingConfig EITHER = new TokenBindingConfig(List.of(KeyBoundAuthMethod.values()),
            List.of(SenderConstraint.MTLS, SenderConstraint.DPOP), false);

    private static ClientSnapshot client(String authenticator, Map<String, String> attributes) {
        Map<String, String> all = new HashMap<>(attributes);
        all.put("nhi.tier", "critical");
        return new ClientSnapshot("bot", false, true, false, false, false, false, authenticator, all, List.of(), List.of(), List.of());
    }

    private static Map<String, String> fields(List<FieldViolation> violations) {
        Map<String, String> fields = new HashMap<>();
        violations.forEach(v -> fields.put(v.attribute(), v.finding().name()));
        return fields;
    }

    @Test
    void aDpopBoundClientWithAKeyNeedsNoCertificateSubject() {
        ClientSnapshot dpop = client("client-jwt", Map.of("dpop.bound.access.tokens", "true"));
        assertEquals(List.of(), new TokenBindingRules(DPOP_ONLY).check(dpop));
        assertEquals(List.of(), new TokenBindingRules(EITHER).check(dpop));
        assertEquals(Optional.of(SenderConstraint.DPOP), new TokenBindingRules(EITHER).boundBy(dpop));
    }

    @Test
    void aFederatedClientIsKeyBased() {
        ClientSnapshot federated = client("federated-jwt", Map.of("dpop.bound.access.tokens", "true"));
        assertEquals(List.of(), new TokenBindingRules(DPOP_ONLY).check(federated));
    }

    @Test
    void aSharedSecretIsRefusedWhicheverTheBinding() {
        ClientSnapshot secret = client("client-secret", Map.of("dpop.bound.access.tokens", "true"));
        assertEquals(Map.of("clientAuthenticatorType", "KEYLESS_AUTH"), fields(new TokenBindingRules(DPOP_ONLY).check(secret)));
        ClientSnapshot signedWithSecret = client("client-secret-jwt", Map.of("dpop.bound.access.tokens", "true"));
        assertEquals(Map.of("clientAuthenticatorType", "KEYLESS_AUTH"), fields(new TokenBindingRules(DPOP_ONLY).check(signedWithSecret)));
    }

    @Test
    void aConstraintThePolicyDoesNotAcceptIsNoBinding() {
        ClientSnapshot dpop = client("client-jwt", Map.of("dpop.bound.access.tokens", "true", "x509.subjectdn", "CN=bot",
                "x509.allow.regex.pattern.comparison", "false"));
        List<FieldViolation> violations = new TokenBindingRules(MTLS_ONLY).check(dpop);
        assertEquals(Map.of("tls.client.certificate.bound.access.tokens", "UNBOUND_TOKENS"), fields(violations));
        assertTrue(violations.get(0).reason().contains("only through tls.client.certificate.bound.access.tokens"), violations.toString());
        ClientSnapshot mtls = client("client-x509", Map.of("tls.client.certificate.bound.access.tokens", "true"));
        assertEquals(Map.of("dpop.bound.access.tokens", "UNBOUND_TOKENS"), fields(new TokenBindingRules(DPOP_ONLY).check(mtls)),
                "under a DPoP-only policy a certificate-bound client is unbound, and no certificate subject is asked for");
    }

    @Test
    void bothConstraintsAtOnceAreRefused() {
        ClientSnapshot both = client("client-x509", Map.of("dpop.bound.access.tokens", "true", "tls.client.certificate.bound.access.tokens", "true",
                "x509.subjectdn", "CN=bot", "x509.allow.regex.pattern.comparison", "false"));
        assertEquals(Map.of("dpop.bound.access.tokens", "UNBOUND_TOKENS"), fields(new TokenBindingRules(EITHER).check(both)));
        assertEquals(Optional.empty(), new TokenBindingRules(EITHER).boundBy(both));
    }

    @Test
    void noBindingNamesWhatThePolicyAccepts() {
        ClientSnapshot unbound = client("client-jwt", Map.of());
        List<FieldViolation> either = new TokenBindingRules(EITHER).check(unbound);
        assertEquals(Map.of("tls.client.certificate.bound.access.tokens", "UNBOUND_TOKENS"), fields(either),
                "with DPoP possible, no certificate subject is required before the client chooses");
        assertTrue(either.get(0).reason().contains("tls.client.certificate.bound.access.tokens or dpop.bound.access.tokens"), either.toString());
        assertEquals(Map.of("dpop.bound.access.tokens", "UNBOUND_TOKENS"), fields(new TokenBindingRules(DPOP_ONLY).check(unbound)));
        assertEquals(Map.of("tls.client.certificate.bound.access.tokens", "UNBOUND_TOKENS", "x509.subjectdn", "KEYLESS_AUTH"),
                fields(new TokenBindingRules(MTLS_ONLY).check(unbound)));
    }

    @Test
    void theStrictestOfTwoPoliciesAcceptsWhatBothAccept() {
        assertEquals(List.of(SenderConstraint.DPOP), EITHER.strictest(DPOP_ONLY).senderConstraints());
        assertEquals(List.of(SenderConstraint.MTLS), MTLS_ONLY.strictest(DPOP_ONLY).senderConstraints(), "never none: the first one's stands");
    }
}
