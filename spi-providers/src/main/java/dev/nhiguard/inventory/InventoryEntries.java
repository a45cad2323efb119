package dev.nhiguard.inventory;

import dev.nhiguard.classification.Tier;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.OwnerState;
import dev.nhiguard.shared.ReviewDate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/** Builds the API view of a client from its facts and findings. */
final class InventoryEntries {

    private InventoryEntries() {
    }

    static InventoryEntry of(ClientFacts facts, OwnerState ownerState, EnumSet<Finding> findings, Instant now) {
        String owner = blankToNull(facts.attributes().get(NhiAttributes.OWNER));
        String reviewBy = blankToNull(facts.attributes().get(NhiAttributes.REVIEW_BY));
        boolean overdue = ReviewDate.parse(reviewBy).map(date -> FindingRules.isOverdue(date, now)).orElse(false);
        String secretCreated = null;
        Long secretAgeDays = null;
        if (FindingRules.usesSecret(facts)) {
            secretCreated = FindingRules.secretCreatedAt(facts).map(Instant::toString).orElse(null);
            secretAgeDays = FindingRules.secretAge(facts, now).map(Duration::toDays).orElse(null);
        }
        return new InventoryEntry(
                facts.id(),
                facts.clientId(),
                facts.enabled(),
                facts.createdTimestamp() == null ? null : Instant.ofEpochMilli(facts.createdTimestamp()).toString(),
                Tier.of(facts.attributes().get(NhiAttributes.TIER)).label(),
                blankToNull(facts.attributes().get(NhiAttributes.ENVIRONMENT)),
                owner,
                owner == null ? null : ownerState.label(),
                blankToNull(facts.attributes().get(NhiAttributes.OWNER_GROUP)),
                blankToNull(facts.attributes().get(NhiAttributes.PURPOSE)),
                reviewBy,
                overdue,
                facts.authenticatorType(),
                secretCreated,
                secretAgeDays,
                "true".equalsIgnoreCase(facts.attributes().get(NhiAttributes.KC_CERT_BOUND_TOKENS)),
                FindingRules.certificateNotAfter(facts).map(Instant::toString).orElse(null),
                facts.defaultScopes(),
                facts.optionalScopes(),
                facts.realmRoles(),
                facts.clientRoles(),
                facts.groups(),
                facts.adminRoles(),
                facts.fullScopeAllowed(),
                facts.accessTokenLifespan(),
                findings.stream().map(Enum::name).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
