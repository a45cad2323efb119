package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.Http;
import dev.nhiguard.testsupport.KeycloakServer;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import dev.nhiguard.testsupport.LifecycleApi;
import dev.nhiguard.testsupport.Poll;
import dev.nhiguard.testsupport.ReferenceTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pack's meters on Keycloak's own metrics endpoint (the shared server runs with --metrics-enabled=true). */
@ExtendWith(KeycloakServerExtension.class)
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^(nhi_[a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);

    @Test
    void tokenRequestsRefusalsSweepsAndFindingsAreCountedPerRealmAndTheDashboardQueriesThem(AdminApi api, KeycloakServer server) throws Exception {
        GovernedRealm realm = GovernedRealm.create(api, "metrics").withDemoPolicies();
        expect(201, api.post(realm.path("/clients"), GovernedRealm.compliantClient("metered-bot")));
        String issued = null;
        for (int i = 0; i < 3; i++) {
            issued = parse(expect(200, api.clientCredentials(realm.name(), "metered-bot", "s3cret-metered-bot", "payments:read")).body())
                    .get("access_token").asText();
        }
        expect(400, api.clientCredentials(realm.name(), "metered-bot", "s3cret-metered-bot", "payments"));
        expect(401, api.clientCredentials(realm.name(), "metered-bot", "wrong", "payments:read"));
        // a machine identity at another endpoint it authenticates at (Keycloak refuses to introspect a token the client is
        // no audience of: invalid_token)
        expect(200, api.form("/realms/" + realm.name() + "/protocol/openid-connect/token/introspect", Map.of("client_id", "metered-bot",
                "client_secret", "s3cret-metered-bot", "token", issued)));
        // a browser with a machine identity's secret: a HUMAN_USE flag
        expect(200, api.tokenRequest(realm.name(), Map.of("grant_type", "client_credentials", "client_id", "metered-bot",
                "client_secret", "s3cret-metered-bot", "scope", "payments:read"), "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0"));
        // past the client save: an unowned identity for the findings gauge, an overdue one for the sweep
        expect(200, api.partialImport(realm.name(), "SKIP", AdminApi.serviceAccountClient("orphan-bot", Map.of())));
        expect(200, api.partialImport(realm.name(), "SKIP", AdminApi.serviceAccountClient("overdue-bot", Map.of("nhi.owner", "alice",
                "nhi.purpose", "Quarterly close", "nhi.review-by", "2020-01-31"))));
        LifecycleApi lifecycle = new LifecycleApi(api);
        lifecycle.putSettings(realm.name(), Map.of("mode", "disable", "reviewGraceDays", 0));
        JsonNode sweep = lifecycle.sweep(realm.name());
        assertTrue(LifecycleApi.actions(sweep).stream().anyMatch(a -> a.startsWith("overdue-bot:disable")), sweep.toString());

        String r = "realm=\"" + realm.name() + "\"";
        // both are written by timed jobs (the findings gauge, the anomaly flush): the scrape waited for holds both
        String text = Poll.until("the open-findings gauge and the anomaly flag of " + realm.name(), Duration.ofSeconds(40), () -> {
            String scraped = scrape(server);
            return scraped.contains("nhi_open_findings{code=\"NO_OWNER\"," + r + "}")
                    && Pattern.compile("nhi_anomaly_flags_total\\{[^}]*kind=\"HUMAN_USE\"[^}]*" + Pattern.quote(r)).matcher(scraped).find()
                    ? Optional.of(scraped) : Optional.empty();
        });
        assertEquals(4.0, value(text, "nhi_token_requests_total", "decision=\"granted\"", "grant=\"client_credentials\"", r), text);
        assertEquals(1.0, value(text, "nhi_anomaly_flags_total", "kind=\"HUMAN_USE\"", r));
        assertEquals(2.0, value(text, "nhi_token_requests_total", "decision=\"refused\"", "grant=\"client_credentials\"", r));
        assertEquals(1.0, value(text, "nhi_refusals_total", "reason=\"invalid_scope\"", "rule=\"nhi-scope-narrowing\"", r));
        assertEquals(1.0, value(text, "nhi_refusals_total", "rule=\"keycloak\"", "reason=\"invalid_client_credentials\"", r));
        assertEquals((double) LifecycleApi.actions(sweep).stream().filter(a -> a.contains(":disable")).count(),
                value(text, "nhi_sweep_actions_total", "action=\"disable\"", r));
        assertEquals(1.0, value(text, "nhi_open_findings", "code=\"NO_OWNER\"", r));
        assertTrue(text.contains("nhi_identity_context_dropped_total"), text);
        assertFalse(text.contains("metered-bot"), "no client id in any label");
        assertEquals(1.0, value(text, "nhi_endpoint_requests_total", "endpoint=\"introspection\"", r), text);
        assertTheDashboardQueriesOnlyServedMetrics(text);
        assertTheReferenceNamesEveryServedMetric(text);
    }

    /** docs/reference.md's metrics are those the server serves, once each has been written to. */
    private static void assertTheReferenceNamesEveryServedMetric(String scraped) {
        Set<String> served = new TreeSet<>();
        Matcher samples = SAMPLE.matcher(scraped);
        while (samples.find()) {
            served.add(samples.group(1));
        }
        assertEquals(served, new TreeSet<>(ReferenceTables.read().names("Metrics")), "the metrics served against docs/reference.md's");
    }

    /** Every query of the dashboard in docs/grafana names a metric the real endpoint serves, read after the test above's requests. */
    private static void assertTheDashboardQueriesOnlyServedMetrics(String scraped) throws IOException {
        Set<String> served = new TreeSet<>();
        Matcher samples = SAMPLE.matcher(scraped);
        while (samples.find()) {
            served.add(samples.group(1));
        }
        JsonNode dashboard = parse(Files.readString(Path.of(System.getProperty("nhi.realm.exports")).resolveSibling("docs/grafana/nhi-guard-dashboard.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher names = Pattern.compile("\\bnhi_[a-z_]+").matcher(expr.asText());
            while (names.find()) {
                queried.add(names.group());
            }
        }
        assertFalse(queried.isEmpty(), "the dashboard has queries");
        for (String metric : queried) {
            assertTrue(served.contains(metric) || served.stream().anyMatch(s -> s.equals(metric + "_total")),
                    metric + " is queried but not served; served: " + served);
        }
        // the dashboard's panels between them show every meter the pack serves
        assertTrue(queried.containsAll(Set.of("nhi_token_requests_total", "nhi_refusals_total", "nhi_open_findings",
                "nhi_sweep_actions_total", "nhi_anomaly_flags_total", "nhi_identity_context_dropped_total")), queried.toString());
    }

    static String scrape(KeycloakServer server) {
        return Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(server.managementUri().resolve("/metrics")).build()).body();
    }

    /** The one sample of {@code metric} whose labels hold all of {@code labels}. */
    private static double value(String text, String metric, String... labels) throws IOException {
        Matcher m = SAMPLE.matcher(text);
        Double found = null;
        while (m.find()) {
            if (!m.group(1).equals(metric) || m.group(2) == null) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= m.group(2).contains(label);
            }
            if (all) {
                if (found != null) {
                    throw new AssertionError("more than one sample of " + metric + " with " + String.join(",", labels) + ": "
                            + m.group(0) + " after another of " + found);
                }
                found = Double.parseDouble(m.group(3));
            }
        }
        if (found == null) {
            throw new AssertionError("no sample of " + metric + " with " + String.join(",", labels) + " in\n" + text);
        }
        return found;
    }
}
