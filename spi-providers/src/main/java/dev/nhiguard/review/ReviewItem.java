package dev.nhiguard.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.nhiguard.lifecycle.ExpiryMode;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.inventory.InventoryEntry;

import java.util.List;

/**
 * One machine identity in a review queue: what its owner needs to decide (its credential too: a shared secret close to
 * its expiry is the owner's to rotate), and what they may do.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "clientId", "enabled", "reviewState", "reviewBy", "owner", "ownerGroup", "purpose", "tier", "lastUsed",
        "requests30d", "clientAuthentication", "credentialType", "senderConstraint", "secretAgeDays", "secretExpires", "secretState", "scopes", "unusedScopes", "findings", "mayReview", "mayReassign",
        "revokeDeletesAfterDays"})
record ReviewItem(String id, String clientId, boolean enabled, String reviewState, String reviewBy, String owner, String ownerGroup,
                  String purpose, String tier, String lastUsed, long requests30d, String clientAuthentication, String credentialType,
                  String senderConstraint, Long secretAgeDays, String secretExpires, String secretState, List<String> scopes, List<String> unusedScopes, List<String> findings, boolean mayReview, boolean mayReassign,
                  Integer revokeDeletesAfterDays) {

    /**
     * @param revokeDeletesAfterDays when the realm's sweep deletes what it finds disabled (mode disable-then-delete), the
     *                               days after which a revoked client nobody enables again is deleted; null otherwise
     */
    static ReviewItem of(InventoryEntry entry, ReviewState state, boolean mayReview, boolean mayReassign, Integer revokeDeletesAfterDays) {
        List<String> scopes = new java.util.ArrayList<>(entry.defaultClientScopes());
        scopes.addAll(entry.optionalClientScopes());
        List<String> unused = entry.optionalClientScopes().stream()
                .filter(scope -> {
                    InventoryEntry.ScopeUsage use = entry.scopeUsage().get(scope);
                    return use == null || !use.requestedInWindow();
                }).toList();
        return new ReviewItem(entry.id(), entry.clientId(), entry.enabled(), state.label(), entry.reviewBy(), entry.owner(),
                entry.ownerGroup(), entry.purpose(), entry.tier(), entry.lastUsed(), entry.requests30d(), entry.clientAuthentication(),
                entry.credentialType(), entry.senderConstraint(), entry.secretAgeDays(), entry.secretExpires(), secretState(entry), scopes, unused, entry.findings(), mayReview, mayReassign, revokeDeletesAfterDays);
    }

    /** ok, expiring or expired under the realm's credential policy, as the inventory's findings say; null without a shared secret. */
    private static String secretState(InventoryEntry entry) {
        if (entry.secretExpires() == null) {
            return null;
        }
        return entry.findings().contains("SECRET_EXPIRED") ? "expired" : entry.findings().contains("SECRET_EXPIRING") ? "expiring" : "ok";
    }

    /** What a revoke leads to in this realm: deletion after so many days under disable-then-delete, else null. */
    static Integer revokeDeletesAfterDays(ExpirySettings settings) {
        return ExpiryMode.parse(settings.mode()).orElse(ExpiryMode.REPORT) == ExpiryMode.DISABLE_THEN_DELETE ? settings.deleteAfterDays() : null;
    }
}
