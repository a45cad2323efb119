package dev.nhiguard.signals;

import org.keycloak.ssf.event.SsfEvent;

/**
 * RISC {@code account-purged} (OpenID RISC 1.0 §2.4): the account, here a machine identity's service account, was
 * deleted with its client, and nothing it holds should be honoured.
 */
public class RiscAccountPurged extends SsfEvent {

    public static final String TYPE = "https://schemas.openid.net/secevent/risc/event-type/account-purged";

    public RiscAccountPurged() {
        super(TYPE);
    }
}
