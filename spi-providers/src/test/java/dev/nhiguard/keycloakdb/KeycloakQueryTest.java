package dev.nhiguard.keycloakdb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeycloakQueryTest {

    @Test
    void everySelectionFormIsCompleteJpql() {
        List<String> unfinished = new ArrayList<>();
        for (KeycloakQuery query : KeycloakQuery.values()) {
            List<ClientSelection> forms = query.selects() ? List.of(ClientSelection.values()) : java.util.Collections.singletonList(null);
            for (ClientSelection form : forms) {
                String jpql = query.jpql(form, List.of("client.secret.creation.time"));
                if (jpql.contains("%s") || jpql.contains("%1$s") || jpql.contains("%2$s") || jpql.contains("%%")) {
                    unfinished.add(query + "(" + form + "): " + jpql);
                }
            }
        }
        assertEquals(List.of(), unfinished);
    }

    @Test
    void aSpanIsARangeOnTheClientIdAndIdsAListOfIds() {
        String span = KeycloakQuery.FACT_MAPPERS.jpql(ClientSelection.SPAN, List.of());
        assertTrue(span.endsWith("p.client.realmId = :realm and p.client.serviceAccountsEnabled = true and p.client.clientId between :from and :to"), span);
        assertTrue(KeycloakQuery.FACT_MAPPERS.jpql(ClientSelection.IDS, List.of()).endsWith("p.client.id in :ids"));
    }

    @Test
    void attributeNamesWrittenAsLiteralsMustBePlainNames() {
        assertTrue(KeycloakQuery.FACT_ATTRIBUTES.jpql(ClientSelection.IDS, List.of("a.b", "c_d")).contains("a.name in ('a.b', 'c_d')"));
        assertThrows(IllegalArgumentException.class, () -> KeycloakQuery.FACT_ATTRIBUTES.jpql(ClientSelection.IDS, List.of("x') or ('1'='1")));
    }
}
