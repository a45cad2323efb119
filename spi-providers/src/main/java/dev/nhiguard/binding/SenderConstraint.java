package dev.nhiguard.binding;

import dev.nhiguard.shared.NhiAttributes;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a token is bound to, so that it is useless without a key its client holds: the client's TLS certificate
 * (RFC 8705) or a DPoP key (RFC 9449). Keycloak binds either way through one client attribute each.
 */
public enum SenderConstraint {
    MTLS("mtls", NhiAttributes.KC_CERT_BOUND_TOKENS),
    DPOP("dpop", NhiAttributes.KC_DPOP_BOUND_TOKENS);

    private final String label;
    private final String attribute;

    SenderConstraint(String label, String attribute) {
        this.label = label;
        this.attribute = attribute;
    }

    public String label() {
        return label;
    }

    /** The client attribute that switches Keycloak's binding on. */
    public String attribute() {
        return attribute;
    }

    public static Optional<SenderConstraint> byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
    }
}
