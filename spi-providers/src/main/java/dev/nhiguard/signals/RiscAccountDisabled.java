package dev.nhiguard.signals;

import org.keycloak.ssf.event.SsfEvent;

/**
 * RISC {@code account-disabled} (OpenID RISC 1.0 §2.3): the account, here a machine identity's service account, was
 * disabled, and nothing it holds should be honoured. Keycloak 26.7 registers the CAEP events only; the pack adds this one.
 */
public class RiscAccountDisabled extends SsfEvent {

    public static final String TYPE = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

    public RiscAccountDisabled() {
        super(TYPE);
    }
}
