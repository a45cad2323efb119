package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keycloak's own tables are read in one package, {@code keycloakdb}: no other source names one of Keycloak's JPA
 * entities or imports them, so a Keycloak upgrade that changes them breaks in one visible place.
 */
class KeycloakTablesInOnePlaceTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nhiguard");
    /** Keycloak's entity names as JPQL writes them; the pack's own entities are named after the pack's tables. */
    private static final Pattern KEYCLOAK_ENTITY = Pattern.compile(
            "org\\.keycloak\\.models\\.jpa\\.entities|\\b(Client|ClientAttribute|User|Role|CompositeRole|Group|UserRoleMapping|GroupRoleMapping"
                    + "|UserGroupMembership|ClientScope|ClientScopeClientMapping|ProtocolMapper|Realm|Credential|FederatedIdentity|OutboxEntry)Entity\\b");

    @Test
    void onlyTheAdapterPackageNamesKeycloaksEntities() throws IOException {
        List<String> elsewhere = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (SOURCES.relativize(file).getName(0).toString().equals("keycloakdb")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (KEYCLOAK_ENTITY.matcher(lines.get(i)).find()) {
                        elsewhere.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), elsewhere);
    }
}
