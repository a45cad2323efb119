package dev.nhiguard.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one choice of server JDK (scripts/find-server-jdk.sh), against fake JDK folders. */
class ServerJdkTest {

    private static Path jdk(Path root, String name, String version) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void theNewestInstalledJdkWinsWhenNothingIsSet(@TempDir Path root) throws IOException {
        jdk(root, "jdk-17", "17.0.15");
        jdk(root, "jdk-21", "21.0.2");
        Path newest = jdk(root, "temurin-25", "25.0.1");
        jdk(root, "jdk-8", "1.8.0_402");
        assertEquals(newest.toString(), ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "JAVA_HOME", "", "NHI_SERVER_JAVA_HOME", "")));
    }

    @Test
    void javaHomeWinsWhenItCanRunKeycloakAndIsPassedOverWhenItCannot(@TempDir Path root) throws IOException {
        Path jdk21 = jdk(root, "jdk-21", "21");
        Path jdk17 = jdk(root, "jdk-17", "17");
        Path jdk25 = jdk(root, "jdk-25", "25");
        assertEquals(jdk21.toString(), ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "JAVA_HOME", jdk21.toString(), "NHI_SERVER_JAVA_HOME", "")));
        assertEquals(jdk25.toString(), ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "JAVA_HOME", jdk17.toString(), "NHI_SERVER_JAVA_HOME", "")));
    }

    @Test
    void anExplicitChoiceWinsOrFailsLoudly(@TempDir Path root) throws IOException {
        Path jdk21 = jdk(root, "jdk-21", "21");
        jdk(root, "jdk-25", "25");
        Path jdk17 = jdk(root, "jdk-17", "17");
        assertEquals(jdk21.toString(), ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "NHI_SERVER_JAVA_HOME", jdk21.toString())));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "NHI_SERVER_JAVA_HOME", jdk17.toString())));
        assertTrue(refused.getMessage().contains("is not a JDK 21 or newer"), refused.getMessage());
    }

    @Test
    void noUsableJdkIsAClearError(@TempDir Path root) throws IOException {
        jdk(root, "jdk-17", "17");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServerJdk.run(Map.of("NHI_JDK_ROOTS", root.toString(), "JAVA_HOME", "", "NHI_SERVER_JAVA_HOME", "")));
        assertTrue(refused.getMessage().startsWith("No JDK 21 or newer found"), refused.getMessage());
    }
}
