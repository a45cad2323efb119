package dev.nhiguard.inventory;

import dev.nhiguard.shared.Finding;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryRequestTest {

    @Test
    void defaultsAndNormalisation() {
        InventoryRequest request = InventoryRequest.parse(null, null, "ALICE", "no_owner", 1000);
        assertEquals(0, request.first());
        assertEquals(100, request.max());
        assertEquals(Optional.of("alice"), request.owner());
        assertEquals(Optional.of(Finding.NO_OWNER), request.finding());
        assertEquals(20, InventoryRequest.parse(null, null, null, null, 20).max(), "default never exceeds the server's cap");
    }

    @Test
    void refusalsNameTheParameter() {
        assertTrue(assertThrows(InventoryRequest.BadParameter.class, () -> InventoryRequest.parse("-1", null, null, null, 10))
                .getMessage().startsWith("first"));
        assertTrue(assertThrows(InventoryRequest.BadParameter.class, () -> InventoryRequest.parse(null, "11", null, null, 10))
                .getMessage().startsWith("max must be a whole number from 1 to 10"));
        assertTrue(assertThrows(InventoryRequest.BadParameter.class, () -> InventoryRequest.parse(null, "99999999999", null, null, 10))
                .getMessage().startsWith("max"));
        assertTrue(assertThrows(InventoryRequest.BadParameter.class, () -> InventoryRequest.parse(null, null, null, "X", 10))
                .getMessage().contains("known findings: NO_OWNER"));
    }
}
