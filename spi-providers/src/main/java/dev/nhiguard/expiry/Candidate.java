package dev.nhiguard.expiry;

/**
 * What the expiry rules need to know of one service-account client: times in epoch milliseconds, null when unknown.
 *
 * @param ownerGoneSince since when its owner has been gone (disabled, deleted, unnamed), or null while it has an active owner
 * @param disabledByExpiryAt when the sweep disabled it, or null
 */
public record Candidate(String id, String clientId, boolean enabled, Long created, Long lastUsed, String reviewBy,
                        Long ownerGoneSince, String exemptUntil, String exemptReason, Long disabledByExpiryAt) {
}
