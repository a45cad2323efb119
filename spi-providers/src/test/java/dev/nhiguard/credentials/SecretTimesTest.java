package dev.nhiguard.credentials;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTimesTest {

    @Test
    void onlyDigitsUpToTheYear9999AreATime() {
        assertEquals(1_796_000_000L, SecretTimes.read("1796000000"));
        assertEquals(0L, SecretTimes.read("0"));
        assertNull(SecretTimes.read("9999999999999999"), "milliseconds of it overflow a long: no time");
        assertNull(SecretTimes.read("253402300800"), "the year 10000");
        assertNull(SecretTimes.read("abc"));
        assertNull(SecretTimes.read("-5"));
        assertNull(SecretTimes.read("1e9"));
        assertNull(SecretTimes.read(null));
        assertFalse(SecretTimes.unreadable(null));
        assertFalse(SecretTimes.unreadable(""));
        assertTrue(SecretTimes.unreadable("abc"));
    }

    @Test
    void eachUnreadableTimeIsNamed() {
        var problems = SecretTimes.problems(Map.of("client.secret.creation.time", "9999999999999999",
                "client.secret.expiration.time", "abc", "client.secret.rotated.creation.time", "1796000000")::get);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("client.secret.creation.time", problems.get(0).attribute());
        assertEquals("client.secret.expiration.time", problems.get(1).attribute());
        assertEquals("INVALID_SECRET_TIME", problems.get(0).finding().name());
    }
}
