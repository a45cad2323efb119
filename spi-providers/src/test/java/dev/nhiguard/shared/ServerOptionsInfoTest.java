package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every factory of the pack that declares server options shows each of them in server info, and only them. */
class ServerOptionsInfoTest {

    @Test
    void everyFactoryThatDeclaresServerOptionsShowsExactlyThose() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String name : registeredFactories()) {
            Object factory = Class.forName(name).getDeclaredConstructor().newInstance();
            List<ProviderConfigProperty> declared = ((ProviderFactory<?>) factory).getConfigMetadata();
            if (declared == null || declared.isEmpty()) {
                continue;
            }
            Map<String, String> info = ((ServerInfoAwareProviderFactory) factory).getOperationalInfo();
            assertEquals(declared.stream().map(ProviderConfigProperty::getName).toList(), ServerOptionsInfo.names(info), name);
            declared.forEach(option -> assertTrue(info.containsKey(option.getName()), name + " shows " + option.getName()));
            checked.add(name);
        }
        assertEquals(5, checked.size(), "the identity context, usage, expiry, credential policy and inventory factories: " + checked);
    }

    @Test
    void anOptionShownButNotDeclaredOrDeclaredButNotShownIsAnError() {
        List<ProviderConfigProperty> declared = List.of(new ProviderConfigProperty("a", "a", "", ProviderConfigProperty.INTEGER_TYPE, 1));
        assertThrows(IllegalStateException.class, () -> ServerOptionsInfo.of(declared, Map.of()));
        assertThrows(IllegalStateException.class, () -> ServerOptionsInfo.of(declared, Map.of("a", 1, "b", 2)));
        assertEquals("7", ServerOptionsInfo.of(declared, Map.of("a", 7)).get("a"));
    }

    private static List<String> registeredFactories() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/services"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("org.keycloak.provider.Spi")).toList()) {
                Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
            }
        }
        return names;
    }
}
