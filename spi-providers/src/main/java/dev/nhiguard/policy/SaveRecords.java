package dev.nhiguard.policy;

import org.keycloak.models.KeycloakSession;

/**
 * Where a report-only executor sends a save it would have refused: the identity-context listener, looked up by its
 * id so the executors do not depend on the telemetry capability above them.
 */
public interface SaveRecords {

    String LISTENER_ID = "nhi-identity-context";

    void wouldRefuseSave(KeycloakSession session, String clientId, boolean creation, RequestNotes.Decision decision);
}
