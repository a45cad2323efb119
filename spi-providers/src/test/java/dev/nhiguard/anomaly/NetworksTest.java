package dev.nhiguard.anomaly;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NetworksTest {

    private final Networks networks = new Networks();

    @Test
    void anAddressIsItsNetworkUnderEachRealmsPrefixes() {
        assertEquals("10.1.2.0/24", networks.of("10.1.2.77", 24, 64));
        assertEquals("10.1.0.0/16", networks.of("10.1.2.77", 16, 64), "the memo keeps prefix pairs apart");
        assertEquals("10.1.2.0/24", networks.of("10.1.2.77", 24, 64));
        assertEquals("2001:db8:1:2:0:0:0:0/64", networks.of("2001:db8:1:2:3:4:5:6", 24, 64));
    }

    @Test
    void whatIsNoAddressLiteralHasNoNetworkAndIsNeverLookedUp() {
        assertNull(networks.of("example.org", 24, 64));
        assertNull(networks.of("example.org", 24, 64));
        assertNull(networks.of("", 24, 64));
        assertNull(networks.of(null, 24, 64));
    }
}
