package dev.nhiguard.signals;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.store.SignalRecords;
import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.ssf.Ssf;
import org.keycloak.ssf.event.SsfEventProvider;
import org.keycloak.ssf.event.SsfEventRegistry;
import org.keycloak.ssf.event.token.SsfSecurityEventToken;
import org.keycloak.ssf.stream.StreamStatusValue;
import org.keycloak.ssf.subject.IssuerSubjectId;
import org.keycloak.ssf.transmitter.SsfTransmitter;
import org.keycloak.ssf.transmitter.SsfTransmitterProvider;
import org.keycloak.ssf.transmitter.stream.StreamConfig;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Hands a machine signal to Keycloak's Shared Signals transmitter, one SET per receiver stream of the realm: signed with
 * the realm's key and queued in Keycloak's outbox in the caller's transaction, pushed (RFC 8935) by its drainer after
 * the commit and retried with backoff until the receiver acknowledges it. The subject is the identity's service account
 * as {@code iss_sub}, exactly the {@code iss} and {@code sub} of its tokens. Every outcome is recorded, a stream that
 * could not be told with the reason.
 */
final class SignalTransmitter {

    private static final Logger LOG = Logger.getLogger(SignalTransmitter.class);

    static final String QUEUED = "queued";
    static final String HELD = "held";
    static final String TRANSMITTER_OFF = "transmitter-off";
    static final String NO_RECEIVER = "no-receiver";
    static final String STREAM_DISABLED = "stream-disabled";
    static final String NOT_REQUESTED = "not-requested";
    static final String SUBJECT_EXCLUDED = "subject-excluded";
    static final String ISSUER_UNKNOWN = "issuer-unknown";

    private SignalTransmitter() {
    }

    static void send(KeycloakSession session, RealmModel realm, ClientModel client, MachineSignal signal, MachineSignal.Details details) {
        long now = PackClock.millis();
        SignalRecords records = new SignalRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        SsfTransmitterProvider transmitter = Profile.isFeatureEnabled(Profile.Feature.SSF) && Ssf.isTransmitterEnabled(realm)
                ? SsfTransmitter.of(session) : null;
        UserModel account = session.users().getServiceAccount(client);
        List<StreamConfig> streams = transmitter == null || account == null ? List.of() : transmitter.streamService().findStreamsForSsfReceiverClients();
        if (streams.isEmpty()) {
            String outcome = transmitter == null ? TRANSMITTER_OFF : NO_RECEIVER;
            records.raised(realm.getId(), new SignalRecords.Signal(UUID.randomUUID().toString(), client.getId(), client.getClientId(), signal.label(),
                    details.reason(), null, null, outcome, now));
            LOG.infof("realm %s: %s of %s not signalled: %s", realm.getName(), signal.label(), client.getClientId(), outcome);
            return;
        }
        for (StreamConfig stream : streams) {
            String id = UUID.randomUUID().toString();
            String outcome = refusedBy(transmitter, stream, account, signal, session);
            if (outcome == null) {
                SsfSecurityEventToken token = transmitter.securityEventTokenMapper()
                        .generateSyntheticEvent(stream, signal.uri(), signal.event(details, now / 1000), null);
                if (token == null) {
                    outcome = ISSUER_UNKNOWN; // no request to take the issuer from, and no hostname configured (logged by Keycloak)
                } else {
                    IssuerSubjectId subject = new IssuerSubjectId();
                    subject.setIss(token.getIss());
                    subject.setSub(account.getId());
                    token.setSubjectId(subject);
                    transmitter.securityEventTokenDispatcher().dispatchEvent(token, stream);
                    id = token.getJti();
                    outcome = stream.getStatus() == StreamStatusValue.paused ? HELD : QUEUED;
                }
            }
            records.raised(realm.getId(), new SignalRecords.Signal(id, client.getId(), client.getClientId(), signal.label(), details.reason(),
                    stream.getClientId(), stream.getClientClientId(), outcome, now));
            LOG.infof("realm %s: %s of %s for receiver %s: %s (%s)", realm.getName(), signal.label(), client.getClientId(),
                    stream.getClientClientId(), outcome, id);
        }
    }

    /** Why the transmitter would drop this SET for this stream; null when it takes it. */
    private static String refusedBy(SsfTransmitterProvider transmitter, StreamConfig stream, UserModel account, MachineSignal signal,
                                    KeycloakSession session) {
        if (stream.getStatus() == StreamStatusValue.disabled) {
            return STREAM_DISABLED;
        }
        if (!requested(stream.getEventsRequested(), signal, session)) {
            return NOT_REQUESTED;
        }
        return transmitter.securityEventTokenDispatcher().shouldDispatchForUser(account, stream) ? null : SUBJECT_EXCLUDED;
    }

    /** A stream that names no events takes all; one that names some, by URI or by Keycloak's alias, takes those. */
    private static boolean requested(Set<String> requested, MachineSignal signal, KeycloakSession session) {
        if (requested == null) {
            return true;
        }
        SsfEventProvider events = session.getProvider(SsfEventProvider.class);
        SsfEventRegistry registry = events == null ? null : events.getRegistry();
        return requested.stream().anyMatch(r -> signal.uri().equals(r) || registry != null && signal.uri().equals(registry.resolveEventTypeForAlias(r)));
    }
}
