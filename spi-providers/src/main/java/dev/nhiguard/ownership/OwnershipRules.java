package dev.nhiguard.ownership;

import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.ReviewDate;
import dev.nhiguard.shared.SafeText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a service-account client's ownership attributes are acceptable. One set of rules for a save, a token
 * request and the inventory; each violation carries the inventory's finding for it.
 */
public final class OwnershipRules {

    static final int MAX_PURPOSE_LENGTH = 500;
    static final int MAX_NAME_LENGTH = 255;

    /**
     * Left to the expiry lifecycle at token time: an owner who leaves and a review that falls due must not stop a
     * running service at once, they start a grace period instead.
     */
    static final Set<Finding> LIFECYCLE = Set.of(Finding.OWNER_DISABLED, Finding.REVIEW_OVERDUE, Finding.INVALID_EXEMPTION);

    /** An exemption from expiry lasts at most this long, so that every exemption is looked at again within a year. */
    public static final int MAX_EXEMPTION_DAYS = 365;

    private final OwnerRequiredConfig config;

    public OwnershipRules(OwnerRequiredConfig config) {
        this.config = config;
    }

    /** Every violation, in attribute order, so one round trip tells the caller all that is wrong. */
    public List<FieldViolation> check(Map<String, String> attributes, OwnerDirectory directory, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        checkOwner(Owner.of(attributes), directory).ifPresent(violations::add);
        checkOwnerGroup(attributes.get(NhiAttributes.OWNER_GROUP), directory).ifPresent(violations::add);
        checkPurpose(attributes.get(NhiAttributes.PURPOSE)).ifPresent(violations::add);
        checkReviewBy(attributes.get(NhiAttributes.REVIEW_BY), today).ifPresent(violations::add);
        violations.addAll(checkExemption(attributes.get(NhiAttributes.EXPIRY_EXEMPT_UNTIL), attributes.get(NhiAttributes.EXPIRY_EXEMPT_REASON), today));
        return violations;
    }

    /**
     * What is wrong with an exemption from expiry, judged on {@code today}; empty when there is none or it is acceptable.
     * The inventory, the save and the sweep all judge an exemption with this, so what one calls invalid no other honours.
     */
    public static List<FieldViolation> checkExemption(String until, String reason, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        if (isBlank(until)) {
            return violations;
        }
        Optional<LocalDate> date = ReviewDate.parse(until);
        if (date.isEmpty()) {
            violations.add(new FieldViolation(NhiAttributes.EXPIRY_EXEMPT_UNTIL,
                    NhiMessages.format("nhiReviewByMalformed", SafeText.echo(until, 40)), Finding.INVALID_EXEMPTION));
        } else if (date.get().isAfter(today.plusDays(MAX_EXEMPTION_DAYS))) {
            violations.add(new FieldViolation(NhiAttributes.EXPIRY_EXEMPT_UNTIL,
                    NhiMessages.format("nhiExemptionTooFar", SafeText.echo(until, 40), MAX_EXEMPTION_DAYS, today.plusDays(MAX_EXEMPTION_DAYS).toString()),
                    Finding.INVALID_EXEMPTION));
        }
        if (isBlank(reason)) {
            violations.add(new FieldViolation(NhiAttributes.EXPIRY_EXEMPT_REASON, NhiMessages.format("nhiExemptionReasonMissing"),
                    Finding.INVALID_EXEMPTION));
        } else {
            checkText(NhiAttributes.EXPIRY_EXEMPT_REASON, reason, MAX_PURPOSE_LENGTH)
                    .map(v -> new FieldViolation(v.attribute(), v.reason(), Finding.INVALID_EXEMPTION)).ifPresent(violations::add);
        }
        return violations;
    }

    /**
     * What a token request is refused for: everything {@link #check} finds except what the lifecycle handles, and an
     * owner not verified here (a realm moved from another Keycloak keeps working until an admin binds its owners).
     */
    public List<FieldViolation> checkAtTokenTime(Map<String, String> attributes, OwnerDirectory directory, LocalDate today) {
        return check(attributes, directory, today).stream()
                .filter(v -> !LIFECYCLE.contains(v.finding()) && v.finding() != Finding.OWNER_UNVERIFIED).toList();
    }

    /**
     * What a create of this client would be refused for: everything {@link #check} finds, with an owner the import
     * bound to a user this Keycloak does not know judged by its name, as a create binds it. For the token requests of
     * a machine identity no save has accepted (it came in through an import): an owner id made up in the import cannot
     * stand for an owner who is disabled here or no user at all.
     */
    public List<FieldViolation> checkAsCreated(Map<String, String> attributes, OwnerDirectory directory, LocalDate today) {
        List<FieldViolation> violations = check(attributes, directory, today);
        if (violations.stream().noneMatch(v -> v.finding() == Finding.OWNER_UNVERIFIED)) {
            return violations;
        }
        Map<String, String> byName = new java.util.HashMap<>(attributes);
        byName.remove(NhiAttributes.OWNER_ID);
        return check(byName, directory, today);
    }

    private Optional<FieldViolation> checkOwner(Owner owner, OwnerDirectory directory) {
        String attribute = NhiAttributes.OWNER;
        String name = owner.name();
        if (isBlank(name)) {
            return violation(attribute, Finding.NO_OWNER, "nhiOwnerMissing");
        }
        Optional<FieldViolation> text = checkText(attribute, name, MAX_NAME_LENGTH);
        if (text.isPresent()) {
            return text;
        }
        return switch (directory.ownerState(owner)) {
            case ACTIVE -> Optional.empty();
            case DISABLED -> violation(attribute, Finding.OWNER_DISABLED, "nhiOwnerDisabled", SafeText.echo(name, 80));
            case MISSING -> violation(attribute, Finding.OWNER_MISSING,
                    owner.isBound() && !owner.isBoundToNobody() ? "nhiOwnerGone" : "nhiOwnerUnknown", SafeText.echo(name, 80));
            case UNVERIFIED -> violation(attribute, Finding.OWNER_UNVERIFIED, "nhiOwnerUnverified", SafeText.echo(name, 80));
        };
    }

    private Optional<FieldViolation> checkOwnerGroup(String group, OwnerDirectory directory) {
        String attribute = NhiAttributes.OWNER_GROUP;
        if (group == null || group.isEmpty()) {
            return Optional.empty();
        }
        Optional<FieldViolation> text = checkText(attribute, group, MAX_NAME_LENGTH);
        if (text.isPresent()) {
            return text;
        }
        Optional<String> canonical = group.startsWith("/") ? directory.groupPath(group) : Optional.empty();
        if (canonical.isEmpty()) {
            return violation(attribute, Finding.INVALID_OWNERSHIP, "nhiOwnerGroupUnknown", SafeText.echo(group, 80));
        }
        if (!canonical.get().equals(group)) {
            // a policy selecting by owner group compares the path as written: "/team/" would escape "/team"
            return violation(attribute, Finding.INVALID_OWNERSHIP, "nhiOwnerGroupNotCanonical", SafeText.echo(canonical.get(), 80));
        }
        return Optional.empty();
    }

    private Optional<FieldViolation> checkPurpose(String purpose) {
        if (isBlank(purpose)) {
            return violation(NhiAttributes.PURPOSE, Finding.NO_PURPOSE, "nhiPurposeMissing");
        }
        return checkText(NhiAttributes.PURPOSE, purpose, MAX_PURPOSE_LENGTH);
    }

    private Optional<FieldViolation> checkReviewBy(String value, LocalDate today) {
        String attribute = NhiAttributes.REVIEW_BY;
        if (isBlank(value)) {
            return config.reviewDateRequired() ? violation(attribute, Finding.NO_REVIEW_DATE, "nhiReviewByMissing") : Optional.empty();
        }
        Optional<LocalDate> date = ReviewDate.parse(value);
        if (date.isEmpty()) {
            return violation(attribute, Finding.NO_REVIEW_DATE, "nhiReviewByMalformed", SafeText.echo(value, 40));
        }
        if (date.get().isBefore(today)) {
            return violation(attribute, Finding.REVIEW_OVERDUE, "nhiReviewByPast", SafeText.echo(value, 40));
        }
        LocalDate latest = today.plusDays(config.maxReviewDays());
        if (date.get().isAfter(latest)) {
            return violation(attribute, Finding.INVALID_OWNERSHIP, "nhiReviewByTooFar", SafeText.echo(value, 40), config.maxReviewDays(), latest.toString());
        }
        return Optional.empty();
    }

    private static Optional<FieldViolation> checkText(String attribute, String value, int maxLength) {
        if (value.length() > maxLength) {
            return violation(attribute, Finding.INVALID_OWNERSHIP, "nhiTooLong", maxLength, value.length());
        }
        if (SafeText.hasControlCharacters(value)) {
            return violation(attribute, Finding.INVALID_OWNERSHIP, "nhiControlCharacters");
        }
        return Optional.empty();
    }

    private static Optional<FieldViolation> violation(String attribute, Finding finding, String key, Object... args) {
        return Optional.of(new FieldViolation(attribute, NhiMessages.format(key, args), finding));
    }

    /**
     * A machine identity's clientId is shown in the inventory, the reviews, the console and every record: no character
     * that renders as nothing or changes how its neighbours read, so that no clientId passes for another (a
     * right-to-left override, a line separator, a zero-width character, a variation selector, a Hangul filler,
     * nothing visible at all). Quotes and angle brackets are text and stay allowed:
     * they are escaped wherever a clientId is shown.
     */
    public static Optional<FieldViolation> checkClientId(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        if (SafeText.isAmbiguousIdentifier(clientId)) {
            return violation("clientId", Finding.INVALID_CLIENT_ID, "nhiClientIdInvisible", SafeText.echo(clientId, 80));
        }
        return Optional.empty();
    }

    /** Nothing a reader can see: empty, spaces of any kind (a no-break space too), or blank fillers. */
    private static boolean isBlank(String value) {
        return value == null || !SafeText.hasVisibleText(value);
    }
}
