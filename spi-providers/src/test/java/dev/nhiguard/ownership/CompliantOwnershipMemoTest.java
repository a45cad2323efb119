package dev.nhiguard.ownership;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memo of passing ownership verdicts: keyed by everything the verdict read that the key can see. */
class CompliantOwnershipMemoTest {

    private static CompliantOwnershipMemo.Key key(String owner, int maxReviewDays, long day) {
        return new CompliantOwnershipMemo.Key("c1", new String[] {owner, "purpose", "2027-01-01"},
                new OwnerRequiredConfig(maxReviewDays, true, true), day);
    }

    @Test
    void aVerdictHoldsForItsKeyOnlyAndAnOwnerChangeOnThisNodeForgetsEveryOne() {
        CompliantOwnershipMemo.forgetAll();
        CompliantOwnershipMemo.compliant(key("alice", 365, 20_000));
        assertTrue(CompliantOwnershipMemo.isCompliant(key("alice", 365, 20_000)));
        assertFalse(CompliantOwnershipMemo.isCompliant(key("bob", 365, 20_000)), "another owner is another key");
        assertFalse(CompliantOwnershipMemo.isCompliant(key("alice", 90, 20_000)), "other options are another key");
        assertFalse(CompliantOwnershipMemo.isCompliant(key("alice", 365, 20_001)), "the next day is another key");
        CompliantOwnershipMemo.forgetAll();
        assertFalse(CompliantOwnershipMemo.isCompliant(key("alice", 365, 20_000)));
    }
}
