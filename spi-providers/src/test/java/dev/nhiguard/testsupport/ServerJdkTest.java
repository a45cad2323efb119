package dev.nhiguard.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerJdkTest {

    @Test
    void readsTheFeatureVersionFromTheReleaseFile(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
        assertEquals(Optional.of(25), ServerJdk.featureVersion(home));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21\"\n");
        assertEquals(Optional.of(21), ServerJdk.featureVersion(home));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        assertEquals(Optional.of(1), ServerJdk.featureVersion(home), "Java 8 reads as 1 and is never chosen");
    }

    @Test
    void aFolderWithoutReleaseFileIsNoJdk(@TempDir Path home) {
        assertEquals(Optional.empty(), ServerJdk.featureVersion(home));
    }
}
