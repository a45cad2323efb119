package dev.nhiguard.scope;

import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.RealmLifespans;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MachineClientRulesTest {

    private static final RealmLifespans REALM = new RealmLifespans(300, 36_000, 0);
    private final MachineClientRules rules = new MachineClientRules(ScopeNarrowingConfig.defaults());

    private static Map<String, String> tight() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("access.token.lifespan", "120");
        attributes.put("access.token.header.type.rfc9068", "true");
        return attributes;
    }

    private static ClientSnapshot client(boolean fullScope, List<String> defaultScopes, Map<String, String> attributes) {
        return new ClientSnapshot("bot", false, true, false, false, false, fullScope, "client-secret", attributes,
                defaultScopes, List.of(), List.of());
    }

    private static List<String> attributes(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::attribute).toList();
    }

    @Test
    void aTightClientPassesEveryMoment() {
        ClientSnapshot tight = client(false, List.of("basic", "service_account"), tight());
        assertEquals(List.of(), rules.refusedOnSave(tight, REALM));
        assertEquals(List.of(), rules.refusedAtTokenTime(tight));
        assertEquals(List.of(), rules.findings(tight, REALM));
    }

    @Test
    void everyWideningSettingIsNamed() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("access.token.lifespan", "3600");
        attributes.put("client_credentials.use_refresh_token", "true");
        ClientSnapshot wide = client(true, List.of("basic", "profile", "email"), attributes);
        List<FieldViolation> refused = rules.refusedOnSave(wide, REALM);
        assertEquals(List.of("fullScopeAllowed", "defaultClientScopes", "client_credentials.use_refresh_token",
                "access.token.header.type.rfc9068", "access.token.lifespan"), attributes(refused));
        assertEquals("defaultClientScopes: email, profile would be added to every token; machine clients may only have these "
                + "default scopes: basic, service_account (make the others optional and request them)", refused.get(1).describe());
    }

    @Test
    void everyOtherWayToATokenIsNamed() {
        Map<String, String> attributes = tight();
        attributes.put("standard.token.exchange.enabled", "true");
        attributes.put("oauth2.device.authorization.grant.enabled", "TRUE");
        ClientSnapshot open = new ClientSnapshot("bot", false, true, true, true, true, false, "client-secret", attributes,
                List.of("basic"), List.of(), List.of("tenant (oidc-hardcoded-claim-mapper)"));
        assertEquals(List.of("standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled",
                "standard.token.exchange.enabled", "oauth2.device.authorization.grant.enabled", "protocolMappers"),
                attributes(rules.refusedAtTokenTime(open)));
    }

    @Test
    void aLongButReadableLifespanIsCappedAtTokenTimeAndAnUnreadableOneRefused() {
        Map<String, String> attributes = tight();
        attributes.put("access.token.lifespan", "3600");
        assertEquals(List.of(), rules.refusedAtTokenTime(client(false, List.of("basic"), attributes)));
        assertEquals(List.of("access.token.lifespan"), attributes(rules.refusedOnSave(client(false, List.of("basic"), attributes), REALM)));
        attributes.put("access.token.lifespan", "1e9");
        assertEquals(List.of(Finding.INVALID_TOKEN_LIFESPAN),
                rules.refusedAtTokenTime(client(false, List.of("basic"), attributes)).stream().map(FieldViolation::finding).toList());
    }

    @Test
    void theInventoryReportsTheLifespanKeycloakApplies() {
        Map<String, String> attributes = tight();
        attributes.put("access.token.lifespan", "-1");
        assertEquals(List.of(Finding.INVALID_TOKEN_LIFESPAN, Finding.LONG_TOKEN_LIFETIME),
                rules.findings(client(false, List.of("basic"), attributes), REALM).stream().map(FieldViolation::finding).toList());
        attributes.remove("access.token.lifespan");
        assertEquals(List.of(Finding.LONG_TOKEN_LIFETIME), rules.findings(client(false, List.of("basic"), attributes),
                new RealmLifespans(3600, 36_000, 0)).stream().map(FieldViolation::finding).toList(), "the realm's lifespan counts");
        assertEquals(List.of(), rules.refusedOnSave(client(false, List.of("basic"), attributes), new RealmLifespans(3600, 36_000, 0)),
                "a save is not refused for the realm's setting: the token response caps it");
    }

    @Test
    void theStrictestOfTwoConfigurationsWins() {
        ScopeNarrowingConfig a = new ScopeNarrowingConfig(false, List.of("basic", "service_account"), ":", List.of("admin"), 5, 300, false, true);
        ScopeNarrowingConfig b = new ScopeNarrowingConfig(true, List.of("basic"), ".", List.of("root"), 3, 600, true, false);
        assertEquals(new ScopeNarrowingConfig(true, List.of("basic"), ".:", List.of("admin", "root"), 3, 300, true, false), a.strictest(b));
    }
}
