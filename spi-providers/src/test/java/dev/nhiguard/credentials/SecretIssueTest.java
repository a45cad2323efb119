package dev.nhiguard.credentials;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretIssueTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void keycloaksCreationTimeMakesASecretOlderButNeverVouchesForItWhileServing() {
        SecretIssue issue = SecretIssue.firstSight((NOW - 10 * DAY) / 1000, NOW, true);
        assertEquals(new SecretIssue(NOW - 10 * DAY, SecretIssue.KEYCLOAK, NOW, null), issue);
    }

    @Test
    void aSecretFoundAtStartUpIsKnownFromKeycloaksRecord() {
        assertEquals(new SecretIssue(NOW - 10 * DAY, SecretIssue.KEYCLOAK, NOW - 10 * DAY, null), SecretIssue.firstSight((NOW - 10 * DAY) / 1000, NOW, false));
    }

    @Test
    void aSecretWithoutACreationTimeIsDatedAtFirstSight() {
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN, NOW, null), SecretIssue.firstSight(null, NOW, true));
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN, NOW, null), SecretIssue.firstSight(null, NOW, false));
    }

    @Test
    void aCreationTimeInTheFutureCountsAsNow() {
        assertEquals(new SecretIssue(NOW, SecretIssue.FIRST_SEEN, NOW, null), SecretIssue.firstSight((NOW + 9 * DAY) / 1000, NOW, false));
        assertNull(SecretIssue.keycloakCreated("soon"));
        assertNull(SecretIssue.keycloakCreated(" 12 "), "Keycloak reads it as it is, and spaces fail its authentication of the client");
        assertEquals(12L, SecretIssue.keycloakCreated("12"));
    }

    @Test
    void keycloaksCreationTimeMayMakeARecordedSecretOlderNeverYoungerAndNeverMovesTheVouching() {
        SecretIssue seen = SecretIssue.firstSight(null, NOW, true);
        assertEquals(new SecretIssue(NOW - 200 * DAY, SecretIssue.KEYCLOAK, NOW, null), seen.olderBy((NOW - 200 * DAY) / 1000));
        assertEquals(seen, seen.olderBy((NOW + DAY) / 1000));
        assertEquals(seen, seen.olderBy(null));
    }

    @Test
    void aRecordReadBackIsTheIssueWritten() {
        SecretIssue issue = SecretIssue.firstSight((NOW - DAY) / 1000, NOW, true);
        assertEquals(issue, SecretIssue.of(issue.toRecord()));
    }

    @Test
    void fingerprintsDifferPerRealmAndNeverHoldTheSecret() {
        String one = SecretFingerprint.of("realm-1", "s3cret");
        assertEquals(one, SecretFingerprint.of("realm-1", "s3cret"));
        assertNotEquals(one, SecretFingerprint.of("realm-2", "s3cret"));
        assertNotEquals(one, SecretFingerprint.of("realm-1", "s3cret2"));
        assertFalse(one.contains("s3cret"));
    }
}
