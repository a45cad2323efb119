package dev.nhiguard.anomaly;

/**
 * One token request of a machine identity as the anomaly detector needs it. {@code authenticated} is false when the
 * caller failed client authentication: such a request only counts towards a refusal burst, never into the baseline.
 */
public record Observation(String realmId, String realmName, String clientUuid, String clientId, long time, String address,
                          String userAgent, String grant, String certificateThumbprint, boolean granted, boolean authenticated) {
}
