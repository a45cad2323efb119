package dev.nhiguard.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JAR an admin drops into providers/: only our code, registered, with its messages, nothing of Keycloak's. */
class PackagedJarIT {

    private static JarFile jar() throws IOException {
        return new JarFile(System.getProperty("nhi.provider.jar"));
    }

    @Test
    void holdsOnlyThePacksOwnClassesAndResources() throws IOException {
        try (JarFile jar = jar()) {
            List<String> foreign = jar.stream().map(ZipEntry::getName)
                    .filter(n -> !n.endsWith("/"))
                    .filter(n -> !n.startsWith("dev/nhiguard/") && !n.startsWith("META-INF/") && !n.startsWith("theme-resources/")
                            && !n.startsWith("theme/nhi-guard/"))
                    .toList();
            assertEquals(List.of(), foreign);
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/keycloak/")));
        }
    }

    @Test
    void registersEveryProviderAndShipsItsMessages() throws IOException {
        try (JarFile jar = jar()) {
            assertEquals("dev.nhiguard.ownership.OwnerRequiredExecutorFactory\ndev.nhiguard.scope.ScopeNarrowingExecutorFactory\ndev.nhiguard.binding.TokenBindingExecutorFactory"
                    + "\ndev.nhiguard.anomaly.AnomalyBlockExecutorFactory\ndev.nhiguard.credentials.CredentialPolicyExecutorFactory",
                    read(jar, "META-INF/services/org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory"));
            assertEquals("dev.nhiguard.admin.NhiGuardAdminResourceProviderFactory",
                    read(jar, "META-INF/services/org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory"));
            assertEquals("dev.nhiguard.usage.UsageRecorderFactory\ndev.nhiguard.expiry.ExpiryFactory\ndev.nhiguard.telemetry.IdentityContextListenerFactory"
                            + "\ndev.nhiguard.signals.SignalsListenerFactory\ndev.nhiguard.ownership.OwnerBindingsFactory",
                    read(jar, "META-INF/services/org.keycloak.events.EventListenerProviderFactory"));
            assertEquals("dev.nhiguard.store.NhiStoreProviderFactory",
                    read(jar, "META-INF/services/org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory"));
            assertTrue(jar.getEntry("META-INF/nhi-guard-changelog.xml") != null, "the tables' changelog is packaged");
            assertEquals("dev.nhiguard.scope.UmaGrantGuardFactory\ndev.nhiguard.scope.TokenExchangeGuardFactory\ndev.nhiguard.scope.JwtAuthorizationGrantGuardFactory",
                    read(jar, "META-INF/services/org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory"));
            assertEquals("dev.nhiguard.signals.RiscEventsFactory", read(jar, "META-INF/services/org.keycloak.ssf.event.SsfEventProviderFactory"));
            assertEquals("dev.nhiguard.classification.NhiAttributesConditionFactory",
                    read(jar, "META-INF/services/org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProviderFactory"));
            assertTrue(read(jar, "theme-resources/messages/messages_en.properties").contains("nhiOwnerMissing="));
            assertTrue(read(jar, "META-INF/keycloak-themes.json").contains("\"nhi-guard\""), "the admin theme is registered");
            assertTrue(jar.getEntry("theme/nhi-guard/admin/resources/.vite/manifest.json") != null, "with its console bundle");
            assertTrue(jar.getManifest().getMainAttributes().getValue("Implementation-Version") != null, "the version server info reports");
        }
    }

    private static String read(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertTrue(entry != null, name + " is packaged");
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
