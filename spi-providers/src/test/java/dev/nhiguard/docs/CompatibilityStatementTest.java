package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version is written once, in pom.xml; the manual's compatibility statement must say the same. */
class CompatibilityStatementTest {

    @Test
    void theReadmeNamesTheKeycloakReleasesTheBuildTestsAndCompilesAgainst() throws IOException {
        String[] tested = System.getProperty("nhi.tested.keycloak").split(" ");
        String readme = Files.readString(Path.of(System.getProperty("nhi.readme")));
        String statement = "Compatibility: **Keycloak " + tested[0] + " to " + tested[1] + "**";
        assertTrue(readme.contains(statement), "README: " + statement);
        assertTrue(readme.contains("compiled against " + System.getProperty("nhi.keycloak.version")), "README names the release the jar is compiled against");
    }
}
