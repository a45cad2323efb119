package dev.nhiguard.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One package per capability, and no circle between them: a capability can be changed, tested and understood from
 * the packages it uses, never from one that uses it back. Reads the main sources' references to the pack's classes.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nhiguard");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.nhiguard\\.([a-z]+)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(own)) {
                        uses.computeIfAbsent(own, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        List<String> circles = new ArrayList<>();
        for (String start : uses.keySet()) {
            walk(uses, start, start, new ArrayList<>(List.of(start)), circles);
        }
        assertEquals(List.of(), circles, "packages that depend on themselves: " + uses);
    }

    private static void walk(Map<String, Set<String>> uses, String start, String at, List<String> path, List<String> circles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                circles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(uses, start, next, path, circles);
                path.remove(path.size() - 1);
            }
        }
    }
}
