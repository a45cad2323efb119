package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin console's server info names every provider of the pack with the pack's version. */
@ExtendWith(KeycloakServerExtension.class)
class ServerInfoIT {

    @Test
    void everyProviderReportsThePacksVersion(AdminApi api) {
        JsonNode providers = parse(expect(200, api.get("/admin/serverinfo")).body()).get("providers");
        String version = System.getProperty("nhi.pack.version");
        for (String[] provider : new String[][]{
                {"client-policy-executor", "nhi-owner-required"}, {"client-policy-executor", "nhi-scope-narrowing"},
                {"client-policy-executor", "nhi-mtls-binding"}, {"client-policy-executor", "nhi-anomaly-block"},
                {"eventsListener", "nhi-identity-context"}, {"client-policy-condition", "nhi-attributes"},
                {"admin-realm-restapi-extension", "nhi-guard"}}) {
            JsonNode info = providers.path(provider[0]).path("providers").path(provider[1]).path("operationalInfo");
            assertEquals(version, info.path("nhi-guard-version").asText(), provider[1] + ": " + info);
        }
    }
}
