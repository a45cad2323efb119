package dev.nhiguard.install;

import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.common.Version;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Keycloak the pack runs on, against the releases it was tested on (written into the jar by the build) and the
 * features it uses. The pack implements Keycloak's internal SPIs, which change between minor releases: on a release
 * outside the tested range it keeps working where its start-up checks pass, and says so once, in the log and in
 * server info, rather than starting silently.
 */
public final class KeycloakRelease {

    private static final Logger LOG = Logger.getLogger(KeycloakRelease.class);
    private static final Properties BUILD = load();

    /** A feature the pack uses and what goes without it. */
    record Used(Profile.Feature feature, String name, String without) {
    }

    private static final List<Used> FEATURES = List.of(
            new Used(Profile.Feature.SSF, "ssf", "revocation signals are not sent"),
            new Used(Profile.Feature.CLIENT_SECRET_ROTATION, "client-secret-rotation", "no secret rotation with a grace period"));

    private KeycloakRelease() {
    }

    public static String testedFrom() {
        return BUILD.getProperty("keycloak.tested.from");
    }

    public static String testedTo() {
        return BUILD.getProperty("keycloak.tested.to");
    }

    /** Whether {@code version} lies from {@code from} to {@code to}, comparing major, minor and micro numbers (a qualifier counts for nothing). */
    static boolean within(String version, String from, String to) {
        int[] v = numbers(version);
        return v != null && compare(v, numbers(from)) >= 0 && compare(v, numbers(to)) <= 0;
    }

    /** Server info: the running release and whether it is a tested one. */
    public static String describe(String running) {
        String range = testedFrom() + " to " + testedTo();
        return within(running, testedFrom(), testedTo()) ? running + " (tested: " + range + ")"
                : running + ": not a tested release (NHI Guard " + dev.nhiguard.shared.PackVersion.version() + " is tested on Keycloak " + range + ")";
    }

    public static String describe() {
        return describe(Version.VERSION);
    }

    /** Server info: each feature the pack uses, on or off. */
    public static String features() {
        List<String> states = new ArrayList<>();
        for (Used used : FEATURES) {
            states.add(used.name() + " " + (Profile.isFeatureEnabled(used.feature()) ? "on" : "off: " + used.without()));
        }
        return String.join("; ", states);
    }

    /** Once at start: a WARN for an untested release and for each feature that is off. */
    public static void report() {
        if (!within(Version.VERSION, testedFrom(), testedTo())) {
            LOG.warnf("NHI Guard runs on Keycloak %s, outside the releases it is tested on (%s to %s): it keeps working where its "
                    + "start-up checks pass (server info, nhi-keycloak-queries); test it on this release before relying on it",
                    Version.VERSION, testedFrom(), testedTo());
        }
        for (Used used : FEATURES) {
            if (!Profile.isFeatureEnabled(used.feature())) {
                LOG.warnf("NHI Guard: Keycloak's feature %s is off, so %s (switch it on with --features=%s)", used.name(), used.without(), used.name());
            }
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** 26.7.5, 26.7.5.Final, 26.8.0-SNAPSHOT: the first three numbers; null when there are none. */
    private static int[] numbers(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.split("[.-]");
        if (parts.length < 3) {
            return null;
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!parts[i].matches("[0-9]{1,6}")) {
                return null;
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = KeycloakRelease.class.getResourceAsStream("/dev/nhiguard/build-info.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
