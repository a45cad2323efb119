package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack's layers, from the bottom: the foundation (what every capability may use: {@code shared}, the node's state,
 * the client-policy plumbing every executor uses, what an HTTP request carries, the pack's tables, Keycloak's tables,
 * the Keycloak release it runs on), the capabilities, and the top (the admin
 * REST root and the scheduler, which start and reach every capability). A foundation package uses only the
 * foundation; a capability never uses the top. Reads the main sources' references to the pack's classes.
 */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nhiguard");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.nhiguard\\.([a-z]+)\\.[A-Z]");
    static final Set<String> FOUNDATION = Set.of("shared", "policy", "http", "node", "store", "keycloakdb", "install");
    static final Set<String> TOP = Set.of("admin", "scheduling");

    @Test
    void theFoundationUsesNoCapabilityAndNoCapabilityUsesTheTop() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (used.equals(own) || TOP.contains(own)) {
                        continue;
                    }
                    if (FOUNDATION.contains(own) && !FOUNDATION.contains(used) || !FOUNDATION.contains(own) && TOP.contains(used)) {
                        wrong.add(SOURCES.relativize(file) + " uses " + used);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }

    @Test
    void sharedHoldsOnlyWhatSeveralCapabilitiesUseAndStaysSmall() throws IOException {
        long lines;
        try (Stream<Path> files = Files.list(SOURCES.resolve("shared"))) {
            lines = files.mapToLong(f -> {
                try {
                    return Files.readAllLines(f).size();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        assertTrue(lines < 1500, "shared has " + lines + " lines; a rule one capability owns goes into that capability's package");
    }

    /** The pack's tables are queried in {@code store}, Keycloak's in {@code keycloakdb}: nowhere else. */
    @Test
    void onlyTheStoreAndTheKeycloakAdapterQueryTheDatabase() throws IOException {
        List<String> elsewhere = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                if (!own.equals("store") && !own.equals("keycloakdb") && Files.readString(file).matches("(?s).*\\.create(Native)?Query\\(.*")) {
                    elsewhere.add(SOURCES.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), elsewhere);
    }
}
