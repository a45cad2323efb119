package dev.nhiguard.policy;

import dev.nhiguard.shared.AfterCommit;

import org.keycloak.models.KeycloakSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pack's executors decided and saw during one request, for the identity-context record written when Keycloak
 * answers it. Keycloak sends a refused request's event from a session of its own (same thread, new session), so the
 * notes are also reachable from the thread until the request's transaction ends.
 */
public final class RequestNotes {

    /** One executor's verdict: refused ({@code enforced}) or, in report-only, would have refused. */
    public record Decision(String rule, String error, String reason, boolean enforced) {
    }

    private static final String KEY = RequestNotes.class.getName();
    private static final ThreadLocal<RequestNotes> CURRENT = new ThreadLocal<>();

    private final List<Decision> decisions = new ArrayList<>(2);
    private final Map<String, List<FieldViolation>> before = new HashMap<>(4);
    private final List<String> warnings = new ArrayList<>(2);
    private Integer tokenLifetimeSeconds;
    private String certificateThumbprint;
    private String certificateSubject;
    private String certificateIssuer;
    private String certificateSerial;
    private String subjectClientId;
    private String namedCaller;
    private boolean scopeNoted;
    private String scopeParameter;

    private RequestNotes() {
    }

    /** This request's notes, made on first use. */
    public static RequestNotes of(KeycloakSession session) {
        RequestNotes notes = session.getAttribute(KEY, RequestNotes.class);
        if (notes != null) {
            return notes;
        }
        notes = new RequestNotes();
        session.setAttribute(KEY, notes);
        if (session.getTransactionManager().isActive()) {
            CURRENT.set(notes);
            RequestNotes mine = notes;
            session.getTransactionManager().enlistAfterCompletion(AfterCommit.always(() -> {
                if (CURRENT.get() == mine) {
                    CURRENT.remove();
                }
            }));
        }
        return notes;
    }

    /** The notes of the request this thread serves, if an executor made any. */
    public static Optional<RequestNotes> current(KeycloakSession session) {
        RequestNotes own = session.getAttribute(KEY, RequestNotes.class);
        return own != null ? Optional.of(own) : Optional.ofNullable(CURRENT.get());
    }

    public void decided(Decision decision) {
        decisions.add(decision);
    }

    public List<Decision> decisions() {
        return decisions;
    }

    /** The violations a client had before this save, per rule, so the save is judged by what it changes. */
    public void violationsBefore(String rule, String clientId, List<FieldViolation> violations) {
        before.put(rule + '\n' + clientId, violations);
    }

    public List<FieldViolation> violationsBefore(String rule, String clientId) {
        return before.getOrDefault(rule + '\n' + clientId, List.of());
    }

    /** Adds what a saved client still breaks (once) and answers every such warning of this request. */
    public List<String> warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
        return warnings;
    }

    public void token(int lifetimeSeconds) {
        this.tokenLifetimeSeconds = lifetimeSeconds;
    }

    public Integer tokenLifetimeSeconds() {
        return tokenLifetimeSeconds;
    }

    /** The client certificate that bound the token: its x5t#S256, subject and issuer DNs, serial number in hexadecimal. */
    public void certificate(String thumbprint, String subject, String issuer, String serialHex) {
        this.certificateThumbprint = thumbprint;
        this.certificateSubject = subject;
        this.certificateIssuer = issuer;
        this.certificateSerial = serialHex;
    }

    public String certificateThumbprint() {
        return certificateThumbprint;
    }

    public String certificateSubject() {
        return certificateSubject;
    }

    public String certificateIssuer() {
        return certificateIssuer;
    }

    public String certificateSerial() {
        return certificateSerial;
    }

    /**
     * A grant that carried a machine identity's token as its subject (UMA, token exchange) names that identity, and
     * the client the request named as its caller (before Keycloak has authenticated it: a claim, not a fact).
     */
    public void subjectClient(String clientId, String namedCaller) {
        this.subjectClientId = clientId;
        this.namedCaller = namedCaller;
    }

    public String namedCaller() {
        return namedCaller;
    }

    public String subjectClientId() {
        return subjectClientId;
    }

    /** The request's {@code scope} parameter as an executor read it (null when absent), so a listener need not read the form again. */
    public void scopeParameter(String scope) {
        this.scopeNoted = true;
        this.scopeParameter = scope;
    }

    public boolean scopeNoted() {
        return scopeNoted;
    }

    public String scopeParameter() {
        return scopeParameter;
    }
}
