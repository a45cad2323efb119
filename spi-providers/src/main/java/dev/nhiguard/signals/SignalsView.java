package dev.nhiguard.signals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The realm's revocation signals as an admin checks them: the transmitter, each receiver's delivery state, and the signals raised. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"transmitter", "receivers", "signals"})
public record SignalsView(Transmitter transmitter, List<Receiver> receivers, List<Signal> signals) {

    /** Whether signals can leave at all: Keycloak's feature {@code ssf}, and the realm's transmitter switched on. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"featureEnabled", "realmEnabled"})
    public record Transmitter(boolean featureEnabled, boolean realmEnabled) {
    }

    /** One receiver stream and how its pushes fare (Keycloak's outbox: every SET to it, the pack's and Keycloak's own). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"clientId", "streamId", "status", "endpoint", "eventsRequested", "pending", "held", "delivered", "deadLetter",
            "lastDelivered", "lastError", "lastErrorAt"})
    public record Receiver(String clientId, String streamId, String status, String endpoint, List<String> eventsRequested, long pending,
                           long held, long delivered, long deadLetter, String lastDelivered, String lastError, String lastErrorAt) {
    }

    /**
     * One signal to one receiver: the outcome when it was raised ({@code queued}, {@code held}, or why no SET left:
     * {@code transmitter-off}, {@code no-receiver}, {@code stream-disabled}, {@code not-requested}, {@code subject-excluded},
     * {@code issuer-unknown}), then its delivery as Keycloak's outbox has it (null once the outbox has let go of it).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"id", "time", "event", "clientId", "reason", "receiver", "outcome", "delivery", "attempts", "lastError", "nextAttempt",
            "delivered"})
    public record Signal(String id, String time, String event, String clientId, String reason, String receiver, String outcome, String delivery,
                         Integer attempts, String lastError, String nextAttempt, String delivered) {
    }
}
