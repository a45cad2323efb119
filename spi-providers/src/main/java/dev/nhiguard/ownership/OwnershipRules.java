package dev.nhiguard.ownership;

import dev.nhiguard.shared.FieldViolation;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.OwnerState;
import dev.nhiguard.shared.ReviewDate;
import dev.nhiguard.shared.SafeText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides whether a service-account client's ownership attributes may be stored. */
public final class OwnershipRules {

    static final int MAX_PURPOSE_LENGTH = 500;
    static final int MAX_NAME_LENGTH = 255;

    private final OwnerRequiredConfig config;

    public OwnershipRules(OwnerRequiredConfig config) {
        this.config = config;
    }

    /** Every violation, in attribute order, so one round trip tells the caller all that is wrong. */
    public List<FieldViolation> check(Map<String, String> attributes, OwnerDirectory directory, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        checkOwner(attributes.get(NhiAttributes.OWNER), directory).ifPresent(violations::add);
        checkOwnerGroup(attributes.get(NhiAttributes.OWNER_GROUP), directory).ifPresent(violations::add);
        checkPurpose(attributes.get(NhiAttributes.PURPOSE)).ifPresent(violations::add);
        checkReviewBy(attributes.get(NhiAttributes.REVIEW_BY), today).ifPresent(violations::add);
        return violations;
    }

    private Optional<FieldViolation> checkOwner(String owner, OwnerDirectory directory) {
        String attribute = NhiAttributes.OWNER;
        if (isBlank(owner)) {
            return violation(attribute, "nhiOwnerMissing");
        }
        Optional<FieldViolation> text = checkText(attribute, owner, MAX_NAME_LENGTH);
        if (text.isPresent()) {
            return text;
        }
        OwnerState state = directory.ownerState(owner);
        return switch (state) {
            case ACTIVE -> Optional.empty();
            case DISABLED -> violation(attribute, "nhiOwnerDisabled", owner);
            case MISSING -> violation(attribute, "nhiOwnerUnknown", owner);
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
        if (!group.startsWith("/") || !directory.groupExists(group)) {
            return violation(attribute, "nhiOwnerGroupUnknown", group);
        }
        return Optional.empty();
    }

    private Optional<FieldViolation> checkPurpose(String purpose) {
        if (isBlank(purpose)) {
            return violation(NhiAttributes.PURPOSE, "nhiPurposeMissing");
        }
        return checkText(NhiAttributes.PURPOSE, purpose, MAX_PURPOSE_LENGTH);
    }

    private Optional<FieldViolation> checkReviewBy(String value, LocalDate today) {
        String attribute = NhiAttributes.REVIEW_BY;
        if (isBlank(value)) {
            return config.reviewDateRequired() ? violation(attribute, "nhiReviewByMissing") : Optional.empty();
        }
        Optional<LocalDate> date = ReviewDate.parse(value);
        if (date.isEmpty()) {
            return violation(attribute, "nhiReviewByMalformed", SafeText.echo(value, 40));
        }
        if (date.get().isBefore(today)) {
            return violation(attribute, "nhiReviewByPast", value);
        }
        LocalDate latest = today.plusDays(config.maxReviewDays());
        if (date.get().isAfter(latest)) {
            return violation(attribute, "nhiReviewByTooFar", value, config.maxReviewDays(), latest.toString());
        }
        return Optional.empty();
    }

    private static Optional<FieldViolation> checkText(String attribute, String value, int maxLength) {
        if (value.length() > maxLength) {
            return violation(attribute, "nhiTooLong", maxLength, value.length());
        }
        if (SafeText.hasControlCharacters(value)) {
            return violation(attribute, "nhiControlCharacters");
        }
        if (SafeText.hasMarkup(value)) {
            return violation(attribute, "nhiMarkup");
        }
        return Optional.empty();
    }

    private static Optional<FieldViolation> violation(String attribute, String key, Object... args) {
        return Optional.of(new FieldViolation(attribute, NhiMessages.format(key, args)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
