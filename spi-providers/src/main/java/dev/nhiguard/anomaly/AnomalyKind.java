package dev.nhiguard.anomaly;

import dev.nhiguard.shared.Finding;

/** The anomalies the pack flags on a machine identity; each is also an inventory finding of the same name. */
public enum AnomalyKind {
    NEW_NETWORK(Finding.NEW_NETWORK),
    RATE_SPIKE(Finding.RATE_SPIKE),
    HUMAN_USE(Finding.HUMAN_USE),
    REFUSAL_BURST(Finding.REFUSAL_BURST),
    NEW_CERTIFICATE(Finding.NEW_CERTIFICATE);

    private final Finding finding;

    AnomalyKind(Finding finding) {
        this.finding = finding;
    }

    public Finding finding() {
        return finding;
    }
}
