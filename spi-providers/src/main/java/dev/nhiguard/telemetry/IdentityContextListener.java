package dev.nhiguard.telemetry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.anomaly.Observation;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMetrics;
import dev.nhiguard.policy.RequestNotes;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.policy.SaveRecords;
import dev.nhiguard.policy.TokenEvents;
import dev.nhiguard.shared.TokenLifespan;
import dev.nhiguard.usage.UsageBuffer;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns each request in which a machine identity authenticates into one identity-context record: every token request
 * (Keycloak sends one event for it, granted or refused, with the grant, the client, the address and, granted, the
 * token id and scope; the pack's executors add their verdicts and the certificate through {@link RequestNotes}), and
 * every call of the other endpoints a client authenticates at ({@link ClientEndpoint}). Nothing from the request is
 * read but the scope, the grant type and the user agent: no secret, assertion or token can reach a record.
 */
final class IdentityContextListener implements EventListenerProvider, SaveRecords {

    private static final int MAX_USER_AGENT = 256;
    private static final String KEYCLOAK_RULE = "keycloak";

    private final KeycloakSession session;
    private final IdentityContextListenerFactory factory;

    IdentityContextListener(KeycloakSession session, IdentityContextListenerFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getRealmId() == null) {
            return;
        }
        String grant = event.getDetails() == null ? null : event.getDetails().get(Details.GRANT_TYPE);
        if (grant != null) {
            onTokenRequest(event, grant);
        } else {
            ClientEndpoint.of(event.getType()).ifPresent(endpoint -> onClientEndpoint(event, endpoint));
        }
    }

    private void onTokenRequest(Event event, String grant) {
        RequestNotes notes = RequestNotes.current(session).orElse(null);
        ClientModel client = TokenEvents.clientOf(session, event);
        ClientModel machine = client != null && client.isServiceAccountsEnabled() ? client : subjectMachine(client, event, notes);
        if (machine == null || !OncePerRequest.first(session, machine.getId())) {
            return;
        }
        boolean granted = TokenEvents.granted(event);
        List<RequestNotes.Decision> decisions = notes == null ? List.of() : notes.decisions();
        RequestNotes.Decision deciding = deciding(decisions, granted);
        Decision decision = !granted ? Decision.REFUSED : deciding != null ? Decision.WOULD_REFUSE : Decision.GRANTED;
        boolean authenticated = granted || TokenEvents.authenticated(session, client);
        Set<String> requested = authenticated ? TokenEvents.requestedScopes(session, notes) : Set.of();
        Set<String> grantedScopes = granted ? TokenEvents.scopes(event.getDetails().get(Details.SCOPE)) : Set.of();
        String rule = deciding != null ? deciding.rule() : granted ? null : KEYCLOAK_RULE;
        String reason = deciding != null ? deciding.reason() : granted ? null : keycloakReason(event);
        String error = deciding != null ? deciding.error() : event.getError();
        RealmModel realm = machine.getRealm();
        String realmName = realm.getName();
        String realmId = realm.getId();
        long time = event.getTime();
        Integer lifetime = granted ? lifetime(notes, machine) : null;
        String address = event.getIpAddress();
        String agent = userAgent();
        String thumbprint = notes == null ? null : notes.certificateThumbprint();
        List<String> flags = names(factory.anomalies().observe(session, new Observation(realmId, realmName, machine.getId(),
                machine.getClientId(), time, address, agent, grant, thumbprint, granted, authenticated), ExpirySettings.cached(realm)));
        if (!flags.isEmpty()) {
            // a flag is rare and may block the client: written now, so its tokens end now, not at the next flush
            factory.anomalies().writeRaised(session, machine.getId());
        }
        IdentityContextRecord record = new IdentityContextRecord(time, event.getId(), realmName, realmId, machine.getClientId(),
                event.getUserId(), machine.getAttribute(NhiAttributes.OWNER), machine.getAttribute(NhiAttributes.TIER), grant,
                ClientEndpoint.TOKEN.label(), recorded(requested), recorded(grantedScopes),
                decision, rule, error, reason, address, agent, granted ? event.getDetails().get(Details.TOKEN_ID) : null,
                lifetime, thumbprint, notes == null ? null : notes.certificateSubject(), notes == null ? null : notes.certificateIssuer(),
                notes == null ? null : notes.certificateSerial(), authenticated, null, flags, namedCaller(notes, machine));
        factory.log().offer(record);
        UsageBuffer usage = factory.usage();
        if (usage != null && machine == client) {
            // the client's own request (a subject token's machine did not ask): its use, as usage tracking counts it
            usage.add(new dev.nhiguard.usage.Observation(realmId, machine.getId(), time, granted, authenticated, address, grant,
                    requested, grantedScopes));
        }
        String grantLabel = GrantLabels.of(grant);
        NhiMetrics.tokenRequest(realmName, grantLabel, decision.value());
        countDecisions(realmName, realmId, machine, time, decisions, granted, event);
    }

    /**
     * A machine client authenticating anywhere but in a token request with a grant (introspection, revocation, PAR,
     * logout, CIBA and device authorization requests, a token request refused before its grant was read): one record
     * per request. Only a failed client authentication counts towards the client's use and anomalies, as a failed
     * token request does: what these endpoints answer an authenticated client is not a token issued or refused.
     */
    private void onClientEndpoint(Event event, ClientEndpoint endpoint) {
        ClientModel client = TokenEvents.clientOf(session, event);
        if (client == null || !client.isServiceAccountsEnabled() || !OncePerRequest.first(session, client.getId())) {
            return;
        }
        RequestNotes notes = RequestNotes.current(session).orElse(null);
        boolean succeeded = TokenEvents.granted(event);
        boolean authenticated = succeeded || TokenEvents.authenticated(session, client);
        List<RequestNotes.Decision> decisions = notes == null ? List.of() : notes.decisions();
        RequestNotes.Decision deciding = deciding(decisions, succeeded);
        Decision decision = !succeeded ? Decision.REFUSED : deciding != null ? Decision.WOULD_REFUSE : Decision.GRANTED;
        RealmModel realm = client.getRealm();
        long time = event.getTime();
        String address = event.getIpAddress();
        String agent = userAgent();
        List<String> flags = List.of();
        if (!authenticated) {
            flags = names(factory.anomalies().observe(session, new Observation(realm.getId(), realm.getName(), client.getId(),
                    client.getClientId(), time, address, agent, null, null, false, false), ExpirySettings.cached(realm)));
            if (!flags.isEmpty()) {
                factory.anomalies().writeRaised(session, client.getId());
            }
            UsageBuffer usage = factory.usage();
            if (usage != null) {
                usage.add(new dev.nhiguard.usage.Observation(realm.getId(), client.getId(), time, false, false, address, null, Set.of(), Set.of()));
            }
        }
        factory.log().offer(new IdentityContextRecord(time, event.getId(), realm.getName(), realm.getId(), client.getClientId(),
                event.getUserId(), client.getAttribute(NhiAttributes.OWNER), client.getAttribute(NhiAttributes.TIER), null, endpoint.label(),
                Set.of(), Set.of(), decision, deciding != null ? deciding.rule() : succeeded ? null : KEYCLOAK_RULE,
                deciding != null ? deciding.error() : event.getError(), deciding != null ? deciding.reason() : succeeded ? null : keycloakReason(event),
                address, agent, null, null, null, null, null, null, authenticated, null, flags, null));
        NhiMetrics.endpointRequest(realm.getName(), endpoint.label(), decision.value());
        countDecisions(realm.getName(), realm.getId(), client, time, decisions, succeeded, event);
    }

    private void countDecisions(String realmName, String realmId, ClientModel machine, long time, List<RequestNotes.Decision> decisions,
                                boolean granted, Event event) {
        for (RequestNotes.Decision d : decisions) {
            NhiMetrics.refusal(realmName, d.rule(), GrantLabels.error(d.error()), d.enforced());
            factory.counts().add(realmId, machine.getId(), time, d.rule(), d.enforced());
        }
        if (!granted && decisions.isEmpty()) {
            NhiMetrics.refusal(realmName, KEYCLOAK_RULE, GrantLabels.error(event.getError()), true);
        }
    }

    /** A refusal names the enforcing verdict; a granted request the first would-be refusal. */
    private static RequestNotes.Decision deciding(List<RequestNotes.Decision> decisions, boolean granted) {
        for (RequestNotes.Decision d : decisions) {
            if (d.enforced() == !granted) {
                return d;
            }
        }
        return null;
    }

    private static String keycloakReason(Event event) {
        if (event.getDetails() == null) {
            return null; // a client authenticator's refusal carries the error alone
        }
        String detail = event.getDetails().get(Details.CLIENT_POLICY_ERROR_DETAIL);
        return detail != null ? detail : event.getDetails().get(Details.REASON);
    }

    private static String namedCaller(RequestNotes notes, ClientModel machine) {
        String named = notes == null ? null : notes.namedCaller();
        return named == null || named.equals(machine.getClientId()) ? null : named.length() <= 255 ? named : named.substring(0, 255);
    }

    /** UMA and token exchange: the caller may be any client, the token minted is the machine identity's. */
    private ClientModel subjectMachine(ClientModel client, Event event, RequestNotes notes) {
        if (notes == null || notes.subjectClientId() == null) {
            return null;
        }
        RealmModel realm = client != null ? client.getRealm() : session.realms().getRealm(event.getRealmId());
        return realm == null ? null : realm.getClientByClientId(notes.subjectClientId());
    }

    /** What a pack executor saw in the response, else what Keycloak's settings give a client_credentials token. */
    private static Integer lifetime(RequestNotes notes, ClientModel client) {
        if (notes != null && notes.tokenLifetimeSeconds() != null) {
            return notes.tokenLifetimeSeconds();
        }
        OptionalInt seconds = TokenLifespan.read(client.getAttribute(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN))
                .effectiveSeconds(RealmLifespans.of(client.getRealm()), client.getAttribute(NhiAttributes.KC_CLIENT_SESSION_MAX_LIFESPAN));
        return seconds.isPresent() ? seconds.getAsInt() : null;
    }

    private static List<String> names(List<? extends Enum<?>> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>(kinds.size());
        kinds.forEach(kind -> names.add(kind.name()));
        return names;
    }

    private static Set<String> recorded(Set<String> scopes) {
        for (String scope : scopes) {
            if (scope.length() > 100) {
                Set<String> cut = new java.util.HashSet<>();
                scopes.forEach(s -> cut.add(s.length() > 100 ? s.substring(0, 100) : s));
                return Set.copyOf(cut);
            }
        }
        return scopes;
    }

    private String userAgent() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String agent = headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        return agent == null || agent.length() <= MAX_USER_AGENT ? agent : agent.substring(0, MAX_USER_AGENT);
    }

    @Override
    public void wouldRefuseSave(KeycloakSession session, String clientId, boolean creation, RequestNotes.Decision decision) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            return;
        }
        ClientModel stored = clientId == null ? null : realm.getClientByClientId(clientId);
        factory.log().offer(new IdentityContextRecord(PackClock.millis(), null, realm.getName(), realm.getId(), clientId, null,
                stored == null ? null : stored.getAttribute(NhiAttributes.OWNER), stored == null ? null : stored.getAttribute(NhiAttributes.TIER),
                null, null, Set.of(), Set.of(), Decision.WOULD_REFUSE, decision.rule(), decision.error(), decision.reason(),
                session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr(), userAgent(),
                null, null, null, null, null, null, true, creation ? "create" : "update", List.of(), null));
        NhiMetrics.refusal(realm.getName(), decision.rule(), GrantLabels.error(decision.error()), false);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
