package dev.nhiguard.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * keycloak.version in pom.xml is the one source of the Keycloak release: the admin console bundle is built from the
 * same release's console library (admin-ui/build.sh refuses a mismatch too; this holds when the bundle is skipped).
 */
class AdminUiVersionTest {

    @Test
    void theConsoleLibraryIsTheKeycloakReleaseTheJarIsBuiltFor() throws IOException {
        String version = System.getProperty("nhi.keycloak.version");
        Path ui = Path.of(System.getProperty("nhi.admin.ui"));
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(ui.resolve("package.json").toFile());
        JsonNode lock = json.readTree(ui.resolve("package-lock.json").toFile());
        assertEquals(version, manifest.path("dependencies").path("@keycloak/keycloak-admin-ui").asText(), "admin-ui/package.json");
        assertEquals(version, lock.path("packages").path("node_modules/@keycloak/keycloak-admin-ui").path("version").asText(),
                "admin-ui/package-lock.json");
    }
}
