package dev.nhiguard.classification;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TierTest {

    @Test
    void classificationFailsClosed() {
        assertEquals(Tier.STANDARD, Tier.of(null));
        assertEquals(Tier.STANDARD, Tier.of(" "));
        assertEquals(Tier.HIGH, Tier.of(" High "));
        assertEquals(Tier.CRITICAL, Tier.of("critcal"), "a typo is read as the highest tier");
        assertTrue(Tier.isUnknown("critcal"));
        assertFalse(Tier.isUnknown(null));
        assertFalse(Tier.isUnknown("standard"));
        assertEquals(1, ClassificationRules.check(java.util.Map.of("nhi.tier", "critcal")).size());
        assertEquals(0, ClassificationRules.check(java.util.Map.of("nhi.tier", "critical")).size());
    }
}
