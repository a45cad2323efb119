package dev.nhiguard.signals;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.http.Paging;
import dev.nhiguard.http.QueryParameters;
import dev.nhiguard.store.SignalRecords;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.ssf.Ssf;
import org.keycloak.ssf.transmitter.SsfTransmitter;
import org.keycloak.ssf.transmitter.SsfTransmitterProvider;
import org.keycloak.ssf.transmitter.stream.StreamConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/nhi-guard/signals}: whether the realm can push revocations, each receiver's delivery
 * state, and the signals the pack raised, newest first ({@code clientId} narrows them to one machine identity,
 * {@code first} and {@code max} page them). Needs view-clients, as the audit does.
 */
public class SignalsResource {

    static final int MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public SignalsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SignalsView view() {
        auth.clients().requireView();
        String clientId = QueryParameters.single(session, "clientId");
        Paging paging = Paging.of(session, MAX);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        boolean feature = Profile.isFeatureEnabled(Profile.Feature.SSF);
        boolean realmEnabled = Ssf.isTransmitterEnabled(realm);
        List<SignalRecords.Signal> raised = new SignalRecords(em).latest(realm.getId(), clientId == null || clientId.isEmpty() ? null : clientId,
                paging.first(), paging.max());
        return new SignalsView(new SignalsView.Transmitter(feature, realmEnabled),
                feature && realmEnabled ? receivers(em) : List.of(), signals(em, raised));
    }

    private List<SignalsView.Receiver> receivers(EntityManager em) {
        SsfTransmitterProvider transmitter = SsfTransmitter.of(session);
        if (transmitter == null) {
            return List.of();
        }
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Instant> lastDelivered = new HashMap<>();
        for (Object[] r : KeycloakQuery.OUTBOX_PER_RECEIVER.create(em, Object[].class).setParameter("realm", realm.getId()).getResultList()) {
            counts.computeIfAbsent((String) r[0], k -> new HashMap<>()).put(String.valueOf(r[1]), ((Number) r[2]).longValue());
            if (r[3] instanceof Instant delivered) {
                lastDelivered.merge((String) r[0], delivered, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, Object[]> lastError = new HashMap<>();
        for (Object[] r : KeycloakQuery.OUTBOX_ERRORS.create(em, Object[].class).setParameter("realm", realm.getId()).setMaxResults(MAX)
                .getResultList()) {
            lastError.putIfAbsent((String) r[0], r);
        }
        List<SignalsView.Receiver> receivers = new ArrayList<>();
        for (StreamConfig stream : transmitter.streamService().findStreamsForSsfReceiverClients()) {
            Map<String, Long> byStatus = counts.getOrDefault(stream.getClientId(), Map.of());
            Object[] error = lastError.get(stream.getClientId());
            receivers.add(new SignalsView.Receiver(stream.getClientClientId(), stream.getStreamId(),
                    stream.getStatus() == null ? null : stream.getStatus().name(),
                    stream.getDelivery() == null ? null : RedactedUrls.redact(stream.getDelivery().getEndpointUrl()),
                    stream.getEventsRequested() == null ? null : stream.getEventsRequested().stream().sorted().toList(),
                    byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("HELD", 0L), byStatus.getOrDefault("DELIVERED", 0L),
                    byStatus.getOrDefault("DEAD_LETTER", 0L), iso(lastDelivered.get(stream.getClientId())),
                    error == null ? null : RedactedUrls.deliveryError((String) error[1]), error == null ? null : iso((Instant) error[2])));
        }
        receivers.sort(java.util.Comparator.comparing(SignalsView.Receiver::clientId));
        return receivers;
    }

    private static List<SignalsView.Signal> signals(EntityManager em, List<SignalRecords.Signal> raised) {
        Map<String, Object[]> delivery = new HashMap<>();
        List<String> ids = raised.stream().map(SignalRecords.Signal::id).toList();
        if (!ids.isEmpty()) {
            for (Object[] r : KeycloakQuery.OUTBOX_OF_SETS.create(em, Object[].class).setParameter("ids", ids).getResultList()) {
                delivery.put((String) r[0], r);
            }
        }
        return raised.stream().map(s -> {
            Object[] d = delivery.get(s.id());
            return new SignalsView.Signal(s.id(), Instant.ofEpochMilli(s.createdAt()).toString(), s.event(), s.clientName(), s.reason(),
                    s.receiverName(), s.outcome(), d == null ? null : String.valueOf(d[2]), d == null ? null : (Integer) d[3],
                    d == null ? null : RedactedUrls.deliveryError((String) d[4]), d == null ? null : iso((Instant) d[5]), d == null ? null : iso((Instant) d[6]));
        }).toList();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
