package dev.nhiguard.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nhiguard.inventory.InventorySettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be known of {@code docker/} without a Docker engine: the compose file parses and builds from the
 * Dockerfile it names; every file the Dockerfile copies is one the build makes or the repository holds; the
 * Keycloak image is the server release pom.xml names (passed in by docker/up.sh through scripts/keycloak-version.sh); and
 * every pack option set through the environment is an option the pack has.
 */
class ContainerFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDockerfileCopiesWhatTheBuildMakesOntoTheImageOfThePomsKeycloak() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("docker/Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "a build stage and the image: " + froms);
        froms.forEach(from -> assertTrue(from.startsWith("FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}"), from));
        assertTrue(lines.contains("ARG KEYCLOAK_VERSION"));
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
                sources.add(line.split(" +")[1]);
            }
        }
        assertEquals(List.of("spi-providers/target/nhi-guard.jar", "realm-exports/"), sources);
        String pom = Files.readString(ROOT.resolve("spi-providers/pom.xml"));
        assertTrue(pom.contains("<finalName>nhi-guard</finalName>"), "the build makes spi-providers/target/nhi-guard.jar");
        assertTrue(Files.isRegularFile(ROOT.resolve("realm-exports/nhi-demo-realm.json")), "the demo realm is imported from realm-exports/");
        // the pom's own value (a run with -Dnhi.server.keycloak.version=... tests another server, not another image)
        assertEquals(pomProperty("nhi.server.keycloak.version"), run("scripts/keycloak-version.sh"), "the image docker/up.sh builds");
        assertTrue(Files.readString(ROOT.resolve("docker/up.sh")).contains("KEYCLOAK_VERSION=\"$(scripts/keycloak-version.sh)\""));
    }

    @Test
    void theComposeFileParsesAndSetsOnlyOptionsThePackHas() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker/compose.yaml").toFile());
        JsonNode keycloak = compose.path("services").path("keycloak");
        assertEquals("docker/Dockerfile", keycloak.path("build").path("dockerfile").asText());
        assertEquals(ROOT, ROOT.resolve("docker").resolve(keycloak.path("build").path("context").asText()).normalize(),
                "built from the repository root, where the Dockerfile's sources are");
        assertTrue(keycloak.path("build").path("args").has("KEYCLOAK_VERSION"));
        assertTrue(compose.path("services").has("postgres"));
        String prefix = "KC_SPI_ADMIN_REALM_RESTAPI_EXTENSION__NHI_GUARD__";
        List<String> options = InventorySettings.configMetadata().stream().map(p -> p.getName()).toList();
        keycloak.path("environment").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(prefix)) {
                String option = name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                assertTrue(options.contains(option), name + " sets " + option + ", not an option of the inventory: " + options);
            }
        });
    }

    private static String run(String script) throws IOException {
        Process process = new ProcessBuilder("bash", ROOT.resolve(script).toString()).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor(), script + ": " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A property of the root pom as written there, read as XML. */
    private static String pomProperty(String name) throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        return pom.getElementsByTagName(name).item(0).getTextContent().trim();
    }
}
