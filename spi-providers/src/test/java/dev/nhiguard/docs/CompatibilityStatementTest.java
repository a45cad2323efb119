package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version is written once, in pom.xml; the manual's compatibility statement must say the same. */
class CompatibilityStatementTest {

    @Test
    void theReadmeNamesTheKeycloakVersionTheBuildUses() throws IOException {
        String version = System.getProperty("nhi.keycloak.version");
        String readme = Files.readString(Path.of(System.getProperty("nhi.readme")));
        assertTrue(readme.contains("Compatibility: **Keycloak " + version + "**"), "README compatibility statement names Keycloak " + version);
    }
}
