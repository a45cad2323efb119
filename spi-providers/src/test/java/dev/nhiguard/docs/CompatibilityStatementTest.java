package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The versions are written once, in pom.xml; the README's compatibility statement, the compatibility table and the
 * changelog must say the same.
 */
class CompatibilityStatementTest {

    private static final Path ROOT = Path.of(System.getProperty("nhi.readme")).getParent();
    private final String[] tested = System.getProperty("nhi.tested.keycloak").split(" ");
    private final String compiled = System.getProperty("nhi.keycloak.version");
    private final String version = System.getProperty("nhi.pack.version");

    @Test
    void theReadmeNamesTheKeycloakReleasesTheBuildTestsAndCompilesAgainst() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String statement = "Compatibility: **Keycloak " + tested[0] + " to " + tested[1] + "**";
        assertTrue(readme.contains(statement), "README: " + statement);
        assertTrue(readme.contains("compiled against " + compiled), "README names the release the jar is compiled against");
    }

    /** A release has its row in the compatibility table and its section in the changelog; a snapshot has Unreleased. */
    @Test
    void aReleaseHasItsRowInTheCompatibilityTableAndItsChangelogEntry() throws IOException {
        String table = Files.readString(ROOT.resolve("docs/compatibility.md"));
        String changelog = Files.readString(ROOT.resolve("CHANGELOG.md"));
        if (version.endsWith("-SNAPSHOT")) {
            assertTrue(changelog.contains("\n## Unreleased\n"), "CHANGELOG.md collects what " + version + " adds under Unreleased");
            return;
        }
        String row = table.lines().filter(line -> line.startsWith("| " + version + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/compatibility.md has no row for release " + version));
        assertTrue(row.contains("Keycloak " + compiled) && row.contains(tested[0]) && row.contains(tested[1]),
                "the row of " + version + " names the release it is compiled against and the tested range: " + row);
        assertTrue(changelog.contains("\n## " + version + " - "), "CHANGELOG.md has a section for " + version);
    }
}
