package dev.nhiguard.node;

import org.keycloak.Config;

/**
 * This node among the cluster's: its host name and where Keycloak is installed, the same across restarts (a
 * StatefulSet pod keeps its name), so a restart goes on writing the node's own rows instead of starting new ones.
 */
public final class NodeName {

    /** The option that names the node, of usage tracking's scope since 0.1.0 (it first named nodes). */
    public static final String OPTION = "node-name";
    static final int MAX_LENGTH = 80;

    private NodeName() {
    }

    /** The configured name, or this process's. */
    static String configured(Config.Scope scope) {
        String configured = scope.get(OPTION);
        String name = configured == null || configured.isBlank() ? ofThisProcess() : configured.trim();
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("nhi-usage: " + OPTION + " must be at most " + MAX_LENGTH + " characters, got " + name.length());
        }
        return name;
    }

    static String ofThisProcess() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        String home = System.getProperty("kc.home.dir", "");
        String name = host.replaceAll("[^A-Za-z0-9._-]", "_") + "@" + Integer.toHexString(home.hashCode());
        return name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }
}
