package dev.nhiguard.scope;

import dev.nhiguard.shared.FieldViolation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MachineClientRulesTest {

    private final MachineClientRules rules = new MachineClientRules(ScopeNarrowingConfig.defaults());

    private static Map<String, String> tight() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("access.token.lifespan", "120");
        attributes.put("access.token.header.type.rfc9068", "true");
        return attributes;
    }

    private List<String> settingsAtFault(MachineClientView client, boolean atTokenTime) {
        return rules.check(client, atTokenTime).stream().map(FieldViolation::attribute).toList();
    }

    @Test
    void aTightClientPasses() {
        assertEquals(List.of(), settingsAtFault(new MachineClientView(false, List.of("basic", "service_account"), tight()), false));
    }

    @Test
    void everyWideningSettingIsNamed() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("access.token.lifespan", "3600");
        attributes.put("client_credentials.use_refresh_token", "true");
        MachineClientView wide = new MachineClientView(true, List.of("basic", "profile", "email"), attributes);
        assertEquals(List.of("fullScopeAllowed", "defaultClientScopes", "access.token.lifespan",
                "client_credentials.use_refresh_token", "access.token.header.type.rfc9068"), settingsAtFault(wide, false));
        assertEquals("defaultClientScopes: email, profile would be added to every token; machine clients may only have these "
                + "default scopes: basic, service_account (make the others optional and request them)", rules.check(wide, false).get(1).describe());
    }

    @Test
    void atTokenTimeALongLifespanIsCappedNotRefused() {
        Map<String, String> attributes = tight();
        attributes.put("access.token.lifespan", "3600");
        assertEquals(List.of(), settingsAtFault(new MachineClientView(false, List.of("basic"), attributes), true));
        assertEquals(List.of("access.token.lifespan"), settingsAtFault(new MachineClientView(false, List.of("basic"), attributes), false));
    }
}
