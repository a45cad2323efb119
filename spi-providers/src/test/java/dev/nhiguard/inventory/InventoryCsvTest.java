package dev.nhiguard.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InventoryCsvTest {

    @Test
    void quotesAndDefusesCells() {
        assertEquals("plain", InventoryCsv.escape("plain"));
        assertEquals("\"a,b\"", InventoryCsv.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", InventoryCsv.escape("say \"hi\""));
        assertEquals("'=1+1", InventoryCsv.escape("=1+1"));
        assertEquals("'@SUM(A1)", InventoryCsv.escape("@SUM(A1)"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", InventoryCsv.escape("=HYPERLINK(\"x\",\"y\")"));
        assertEquals("\"line\nbreak\"", InventoryCsv.escape("line\nbreak"));
    }

    @Test
    void writesHeaderAndOneRowPerEntryInApiFieldOrder() throws java.io.IOException {
        InventoryEntry entry = new InventoryEntry("1", "bot", true, null, "standard", null, "alice", "active", "4f1c-alice", null, "p", "2027-01-01", false,
                "client-secret", "client_secret", "2026-10-01T00:00:00Z", "first-seen", 58L, "2026-12-30T00:00:00Z", false, "none", null, List.of("profile", "email"), List.of(), List.of("r"),
                Map.of("realm-management", List.of("view-users")), List.of("/ops"), List.of(), true, List.of("client_credentials", "password"),
                List.of("tenant (oidc-hardcoded-claim-mapper)"), 300, 3600, "2026-11-28T10:00:00Z", null, null, "10.0.0.1", 42,
                Map.of("payments:read", new InventoryEntry.ScopeUsage("2026-11-28T10:00:00Z", "2026-11-28T10:00:00Z", true)),
                List.of("STATIC_SECRET", "DEFAULT_SCOPES"));
        java.io.StringWriter csv = new java.io.StringWriter();
        InventoryCsv.write(java.util.stream.Stream.of(entry), csv);
        String[] lines = csv.toString().split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("id,clientId,enabled,created,tier,environment,owner,ownerState,ownerId,ownerGroup,purpose,reviewBy,reviewOverdue,clientAuthentication,credentialType,"
                + "secretCreated,secretCreatedFrom,secretAgeDays,secretExpires,certificateBoundTokens,senderConstraint,certificateNotAfter,defaultClientScopes,optionalClientScopes,realmRoles,"
                + "clientRoles,groups,adminRoles,fullScopeAllowed,grants,clientMappers,accessTokenLifespan,keycloakTokenLifespan,lastUsed,lastRefusal,lastFailedAuthentication,lastAddress,requests30d,scopeUsage,findings", lines[0]);
        assertEquals("1,bot,true,,standard,,alice,active,4f1c-alice,,p,2027-01-01,false,client-secret,client_secret,2026-10-01T00:00:00Z,first-seen,58,2026-12-30T00:00:00Z,false,none,,profile email,,r,"
                + "realm-management:view-users,/ops,,true,client_credentials password,tenant (oidc-hardcoded-claim-mapper),300,3600,2026-11-28T10:00:00Z,,,10.0.0.1,42,"
                + "payments:read=2026-11-28T10:00:00Z,STATIC_SECRET DEFAULT_SCOPES", lines[1]);
    }
}
