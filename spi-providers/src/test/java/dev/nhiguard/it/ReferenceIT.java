package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.ReferenceTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/reference.md holds what the running server has, and nothing it lacks: the server options its providers show
 * in server info, the options its executors and condition declare, the realm settings its endpoints answer with,
 * and the findings its inventory counts. An option added to the code without the reference fails here, as does one
 * the reference names that the server no longer has. (The metrics are held in MetricsIT, where the server has
 * served each of them; the log categories in LogCategoriesTest.)
 */
@ExtendWith(KeycloakServerExtension.class)
class ReferenceIT {

    private static final String EXECUTORS = "org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider";
    private static final String CONDITIONS = "org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider";
    private final ReferenceTables reference = ReferenceTables.read();

    @Test
    void everyServerOptionIsInTheReferenceWithItsEnvironmentVariableAndDefault(AdminApi api, KeycloakServer server) {
        JsonNode providers = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers");
        Map<String, String> inForce = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> spis = providers.fields(); spis.hasNext(); ) {
            Map.Entry<String, JsonNode> spi = spis.next();
            for (Iterator<Map.Entry<String, JsonNode>> ps = spi.getValue().path("providers").fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> provider = ps.next();
                JsonNode info = provider.getValue().path("operationalInfo");
                String names = info.path("nhi-server-options").asText("");
                for (String name : names.isEmpty() ? new String[0] : names.split(", ")) {
                    inForce.put("--spi-" + kebab(spi.getKey()) + "--" + provider.getKey() + "--" + name, info.path(name).asText());
                }
            }
        }
        assertTrue(inForce.size() >= 9, "server info shows the pack's server options: " + inForce);
        List<List<String>> rows = reference.rows("Server options");
        assertEquals(new TreeSet<>(inForce.keySet()), new TreeSet<>(reference.names("Server options")),
                "docs/reference.md's server options against those the server's providers show");
        List<String> wrong = new ArrayList<>();
        for (List<String> row : rows) {
            String option = ReferenceTables.firstCode(row.get(0));
            String variable = "KC_" + option.substring(2).toUpperCase(Locale.ROOT).replace("--", "__").replace('-', '_');
            if (!ReferenceTables.codes(row.get(1)).equals(List.of(variable))) {
                wrong.add(option + ": environment variable " + row.get(1) + ", Keycloak reads " + variable);
            }
            List<String> defaults = ReferenceTables.codes(row.get(2));
            boolean setHere = server.commandLine().stream().anyMatch(arg -> arg.startsWith(option + "="));
            // a default the reference describes in words (a node's name) is computed at start
            if (!setHere && !defaults.isEmpty() && !defaults.equals(List.of(inForce.get(option)))) {
                wrong.add(option + ": default " + row.get(2) + ", in force without the option " + inForce.get(option));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyExecutorAndConditionOptionIsInTheReferenceWithItsDefault(AdminApi api) {
        JsonNode types = parse(expect(200, api.get("/admin/serverinfo")).body()).get("componentTypes");
        List<String> wrong = new ArrayList<>();
        int providers = 0;
        for (String type : List.of(EXECUTORS, CONDITIONS)) {
            for (JsonNode provider : types.get(type)) {
                String id = provider.get("id").asText();
                if (!id.startsWith("nhi-")) {
                    continue;
                }
                providers++;
                String heading = type.equals(CONDITIONS) ? "Condition `" + id + "`" : "`" + id + "`";
                Map<String, String> declared = new LinkedHashMap<>();
                provider.get("properties").forEach(p -> declared.put(p.get("name").asText(),
                        p.path("defaultValue").isMissingNode() || p.path("defaultValue").isNull() ? "" : p.path("defaultValue").asText()));
                Map<String, String> documented = new LinkedHashMap<>();
                reference.rows(heading).forEach(row -> documented.put(ReferenceTables.firstCode(row.get(0)),
                        String.join("##", ReferenceTables.codes(row.get(1)))));
                if (!declared.equals(documented)) {
                    wrong.add(id + ": the server declares " + declared + ", docs/reference.md says " + documented);
                }
            }
        }
        assertEquals(6, providers, "the pack's five executors and its condition");
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyRealmSettingIsInTheReferenceWithItsDefault(AdminApi api) {
        String realm = api.createRealm("reference");
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        for (String endpoint : List.of("nhi-guard/settings", "nhi-guard/credential-policy")) {
            JsonNode settings = parse(expect(200, api.get("/admin/realms/" + realm + "/" + endpoint)).body());
            settings.fields().forEachRemaining(e -> answered.put(endpoint + " " + e.getKey(), e.getValue()));
        }
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (List<String> row : reference.rows("Realm settings")) {
            String key = ReferenceTables.firstCode(row.get(2)) + " " + ReferenceTables.firstCode(row.get(0));
            documented.put(key, null);
            JsonNode value = answered.get(key);
            List<String> defaults = ReferenceTables.codes(row.get(3));
            String shown = value == null ? null : value.isValueNode() ? value.asText() : value.isEmpty() ? "" : value.toString();
            if (value != null && !String.join("", defaults).equals(shown)) {
                wrong.add(key + ": default " + row.get(3) + ", a new realm answers " + value);
            }
        }
        assertEquals(new TreeSet<>(answered.keySet()), new TreeSet<>(documented.keySet()),
                "docs/reference.md's realm settings against the keys the settings endpoints answer with");
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyFindingTheInventoryCountsIsInTheReferenceAndEveryRetiredOneIsAnsweredWithItsReplacement(AdminApi api) {
        String realm = api.createRealm("reference-findings");
        JsonNode summary = parse(expect(200, api.get("/admin/realms/" + realm + "/nhi-guard/inventory/summary")).body());
        List<String> counted = new ArrayList<>();
        summary.get("findings").fieldNames().forEachRemaining(counted::add);
        assertEquals(new TreeSet<>(counted), new TreeSet<>(reference.names("Finding codes")),
                "docs/reference.md's finding codes against those the inventory counts");
        for (List<String> row : reference.rows("Finding codes", 1)) {
            String retired = ReferenceTables.firstCode(row.get(0));
            HttpResponse<String> answer = api.get("/admin/realms/" + realm + "/nhi-guard/inventory?finding=" + retired);
            assertEquals(400, answer.statusCode(), answer.body());
            for (String replacement : ReferenceTables.codes(row.get(1))) {
                assertTrue(answer.body().contains(replacement), retired + " is answered with " + replacement + ": " + answer.body());
            }
        }
    }

    /** An SPI's name as the command line writes it: eventsListener is events-listener. */
    private static String kebab(String spi) {
        return spi.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
