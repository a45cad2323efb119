package dev.nhiguard.credentials;

import dev.nhiguard.store.SecretRecords;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretIssueTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void aSecretKeycloakDatedIsAsOldAsKeycloakSays() {
        SecretIssue.Decision first = SecretIssue.decide(null, "fp-a", (NOW - 10 * DAY) / 1000, NOW);
        assertEquals(new SecretIssue(NOW - 10 * DAY, SecretIssue.KEYCLOAK), first.issue());
        assertNotNull(first.write());
    }

    @Test
    void aSecretWithoutACreationTimeIsDatedAtFirstSightAndKeepsThatDate() {
        SecretIssue.Decision first = SecretIssue.decide(null, "fp-a", null, NOW);
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN), first.issue());
        SecretIssue.Decision later = SecretIssue.decide(first.write(), "fp-a", null, NOW + 30 * DAY);
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN), later.issue(), "the age grows from the first sight");
        assertNull(later.write());
    }

    @Test
    void aNewExplicitSecretLeavesKeycloaksOldCreationTimeBehind() {
        SecretRecords.Recorded generated = SecretIssue.decide(null, "fp-a", (NOW - 100 * DAY) / 1000, NOW).write();
        SecretIssue.Decision replaced = SecretIssue.decide(generated, "fp-b", (NOW - 100 * DAY) / 1000, NOW + DAY);
        assertEquals(new SecretIssue(NOW + DAY, SecretIssue.FIRST_SEEN), replaced.issue(), "the creation time did not move: a secret put by hand");
        assertNull(SecretIssue.decide(replaced.write(), "fp-b", (NOW - 100 * DAY) / 1000, NOW + 2 * DAY).write(), "and stays dated at its sight");
        assertEquals(NOW + DAY, SecretIssue.decide(replaced.write(), "fp-b", (NOW - 100 * DAY) / 1000, NOW + 2 * DAY).issue().issuedAt());
    }

    @Test
    void aRegeneratedSecretTakesKeycloaksNewCreationTime() {
        SecretRecords.Recorded old = SecretIssue.decide(null, "fp-a", (NOW - 100 * DAY) / 1000, NOW).write();
        assertEquals(new SecretIssue(NOW + 5 * DAY, SecretIssue.KEYCLOAK),
                SecretIssue.decide(old, "fp-b", (NOW + 5 * DAY) / 1000, NOW + 6 * DAY).issue());
    }

    @Test
    void anImportedCreationTimeCanMakeTheSameSecretOlderNeverYounger() {
        SecretRecords.Recorded seen = SecretIssue.decide(null, "fp-a", null, NOW).write();
        assertEquals(new SecretIssue(NOW - 200 * DAY, SecretIssue.KEYCLOAK), SecretIssue.decide(seen, "fp-a", (NOW - 200 * DAY) / 1000, NOW).issue());
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN), SecretIssue.decide(seen, "fp-a", (NOW + DAY) / 1000, NOW + 2 * DAY).issue());
    }

    @Test
    void aCreationTimeInTheFutureCountsAsNow() {
        assertEquals(NOW, SecretIssue.decide(null, "fp", (NOW + 9 * DAY) / 1000, NOW).issue().issuedAt());
        assertNull(SecretIssue.keycloakCreated("soon"));
        assertEquals(12L, SecretIssue.keycloakCreated(" 12 "));
    }

    @Test
    void fingerprintsDifferPerClientAndNeverHoldTheSecret() {
        String one = SecretFingerprint.of("client-1", "s3cret");
        assertEquals(one, SecretFingerprint.of("client-1", "s3cret"));
        assertNotNull(one);
        org.junit.jupiter.api.Assertions.assertNotEquals(one, SecretFingerprint.of("client-2", "s3cret"));
        org.junit.jupiter.api.Assertions.assertFalse(one.contains("s3cret"));
    }
}
