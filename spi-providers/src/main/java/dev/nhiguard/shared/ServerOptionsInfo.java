package dev.nhiguard.shared;

import org.keycloak.provider.ProviderConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server options a factory declares, as the admin console's server info shows them: each under its own name with
 * the value in force, and their names under {@link #KEY}, so an operator (and docs/reference.md's test) can tell the
 * options from the other facts a provider reports. Built from the factory's declared metadata, so an option cannot be
 * read without being shown, nor shown without being declared.
 */
public final class ServerOptionsInfo {

    public static final String KEY = "nhi-server-options";

    private ServerOptionsInfo() {
    }

    /** The pack's version, the declared options' names and each option's value in force (from {@code inForce}). */
    public static Map<String, String> of(List<ProviderConfigProperty> declared, Map<String, ?> inForce) {
        List<String> names = declared.stream().map(ProviderConfigProperty::getName).toList();
        if (!names.containsAll(inForce.keySet()) || !inForce.keySet().containsAll(names)) {
            throw new IllegalStateException("server info shows " + inForce.keySet() + " but the factory declares " + names);
        }
        Map<String, String> info = new LinkedHashMap<>(PackVersion.operationalInfo());
        info.put(KEY, String.join(", ", names));
        names.forEach(name -> info.put(name, String.valueOf(inForce.get(name))));
        return info;
    }

    /** The option names a server-info map lists, as {@link #of} wrote them. */
    public static List<String> names(Map<String, String> info) {
        String listed = info.get(KEY);
        return listed == null || listed.isEmpty() ? List.of()
                : java.util.Arrays.stream(listed.split(", ")).collect(Collectors.toList());
    }
}
