package dev.nhiguard.ownership;

import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.ownership.OwnerState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnershipRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private final OwnerDirectory directory = new OwnerDirectory() {
        @Override
        public OwnerState ownerState(dev.nhiguard.ownership.Owner owner) {
            return switch (owner.name()) {
                case "alice" -> OwnerState.ACTIVE;
                case "carol" -> OwnerState.DISABLED;
                default -> OwnerState.MISSING;
            };
        }

        @Override
        public java.util.Optional<String> groupPath(String groupPath) {
            // Keycloak finds a group by its path with or without a trailing slash
            return groupPath.equals("/payments") || groupPath.equals("/payments/") ? java.util.Optional.of("/payments") : java.util.Optional.empty();
        }
    };

    private static Map<String, String> valid() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", "alice");
        attributes.put("nhi.purpose", "Ledger export");
        attributes.put("nhi.review-by", "2027-01-31");
        return attributes;
    }

    private List<FieldViolation> check(OwnerRequiredConfig config, Map<String, String> attributes) {
        return new OwnershipRules(config).check(attributes, directory, TODAY);
    }

    private List<String> attributesAtFault(Map<String, String> attributes) {
        return check(OwnerRequiredConfig.defaults(), attributes).stream().map(FieldViolation::attribute).toList();
    }

    @Test
    void validAttributesPass() {
        assertEquals(List.of(), attributesAtFault(valid()));
    }

    @Test
    void reviewDateBoundsAreInclusive() {
        Map<String, String> today = valid();
        today.put("nhi.review-by", "2026-11-27");
        assertEquals(List.of(), attributesAtFault(today));
        Map<String, String> lastDay = valid();
        lastDay.put("nhi.review-by", TODAY.plusDays(365).toString());
        assertEquals(List.of(), attributesAtFault(lastDay));
        lastDay.put("nhi.review-by", TODAY.plusDays(366).toString());
        assertEquals(List.of("nhi.review-by"), attributesAtFault(lastDay));
    }

    @Test
    void optionalReviewDateWhenConfigured() {
        Map<String, String> attributes = valid();
        attributes.remove("nhi.review-by");
        assertEquals(List.of(), check(new OwnerRequiredConfig(365, false, true), attributes));
        assertEquals(1, check(OwnerRequiredConfig.defaults(), attributes).size());
    }

    @Test
    void eachProblemNamesItsAttributeInOrder() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nhi.owner", "carol");
        attributes.put("nhi.owner-group", "payments");
        attributes.put("nhi.review-by", "2026-02-30");
        assertEquals(List.of("nhi.owner", "nhi.owner-group", "nhi.purpose", "nhi.review-by"), attributesAtFault(attributes));
    }

    @Test
    void anOwnerGroupMustBeWrittenAsKeycloakWritesIt() {
        Map<String, String> attributes = valid();
        attributes.put("nhi.owner-group", "/payments");
        assertEquals(List.of(), attributesAtFault(attributes));
        attributes.put("nhi.owner-group", "/payments/");
        assertEquals("nhi.owner-group: write the group path as /payments", check(OwnerRequiredConfig.defaults(), attributes).get(0).describe());
    }

    @Test
    void atTokenTimeADisabledOwnerAndAnOverdueReviewAreLeftToTheLifecycle() {
        Map<String, String> attributes = valid();
        attributes.put("nhi.owner", "carol");
        attributes.put("nhi.review-by", "2026-01-01");
        OwnershipRules rules = new OwnershipRules(OwnerRequiredConfig.defaults());
        assertEquals(List.of(Finding.OWNER_DISABLED, Finding.REVIEW_OVERDUE),
                rules.check(attributes, directory, TODAY).stream().map(FieldViolation::finding).toList());
        assertEquals(List.of(), rules.checkAtTokenTime(attributes, directory, TODAY));
        attributes.put("nhi.owner", "ghost");
        assertEquals(List.of(Finding.OWNER_MISSING),
                rules.checkAtTokenTime(attributes, directory, TODAY).stream().map(FieldViolation::finding).toList());
    }

    @Test
    void purposeLengthLimitIsExact() {
        Map<String, String> attributes = valid();
        attributes.put("nhi.purpose", "x".repeat(500));
        assertEquals(List.of(), attributesAtFault(attributes));
        attributes.put("nhi.purpose", "x".repeat(501));
        List<FieldViolation> violations = check(OwnerRequiredConfig.defaults(), attributes);
        assertEquals("nhi.purpose: at most 500 characters allowed, got 501", violations.get(0).describe());
    }

    @Test
    void invisibleAndControlCharactersAreRefused() {
        for (String hostile : List.of("alice\u200B", "ali\u202Ece", "alice\t", "alice\u2028")) {
            Map<String, String> attributes = valid();
            attributes.put("nhi.owner", hostile);
            assertTrue(check(OwnerRequiredConfig.defaults(), attributes).get(0).reason().contains("control"), hostile);
        }
    }
}
