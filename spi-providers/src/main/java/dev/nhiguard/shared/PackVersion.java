package dev.nhiguard.shared;

import java.util.Map;

/** The pack's version as the JAR's manifest states it, shown in the admin console's server info for each provider. */
public final class PackVersion {

    private PackVersion() {
    }

    public static String version() {
        String version = PackVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    public static Map<String, String> operationalInfo() {
        return Map.of("nhi-guard-version", version());
    }
}
