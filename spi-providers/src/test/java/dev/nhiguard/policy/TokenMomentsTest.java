package dev.nhiguard.policy;

import org.junit.jupiter.api.Test;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every client-policy event of the Keycloak version the pack is built against is classified: minting, starting a
 * flow towards tokens, or minting nothing. A Keycloak upgrade that adds an event fails here, naming it, so the
 * classification is decided by a person; at run time such an event counts as minting (fail closed).
 */
class TokenMomentsTest {

    @Test
    void everyEventOfThisKeycloakIsInExactlyOneClass() {
        List<String> unclassified = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (ClientPolicyEvent event : ClientPolicyEvent.values()) {
            int classes = (TokenMoments.MINTING.contains(event) ? 1 : 0) + (TokenMoments.FLOW_STARTS.contains(event) ? 1 : 0)
                    + (TokenMoments.NOT_MINTING.contains(event) ? 1 : 0);
            if (classes == 0) {
                unclassified.add(event.name());
            } else if (classes > 1) {
                twice.add(event.name());
            }
        }
        assertEquals(List.of(), unclassified, "client-policy events the pack does not classify: add each to TokenMoments");
        assertEquals(List.of(), twice, "client-policy events in more than one class");
    }

    @Test
    void everyEventThatLeadsToTokensNamesItsGrant() {
        for (ClientPolicyEvent event : ClientPolicyEvent.values()) {
            if (TokenMoments.isTokenPath(event)) {
                assertTrue(TokenMoments.grantOf(event) != null, event + " has no grant");
            }
        }
    }

    @Test
    void knownEventsAreWhatTheirClassSays() {
        assertTrue(TokenMoments.isMinting(ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST));
        assertTrue(TokenMoments.isMinting(ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST));
        assertFalse(TokenMoments.isMinting(ClientPolicyEvent.AUTHORIZATION_REQUEST));
        assertTrue(TokenMoments.isTokenPath(ClientPolicyEvent.AUTHORIZATION_REQUEST));
        assertFalse(TokenMoments.isTokenPath(ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_RESPONSE));
        assertFalse(TokenMoments.isTokenPath(ClientPolicyEvent.PRE_TOKEN_REQUEST), "precedes TOKEN_REQUEST, which is judged");
        assertFalse(TokenMoments.isUnknown(null));
    }
}
