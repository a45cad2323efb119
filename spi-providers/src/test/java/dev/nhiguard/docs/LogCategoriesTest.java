package dev.nhiguard.docs;

import dev.nhiguard.testsupport.ReferenceTables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/reference.md lists every log category the pack writes under, and no other: a class's logger writes under its
 * package (the reference names packages), a named logger under its name. Reads the main sources.
 */
class LogCategoriesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nhiguard");
    private static final Pattern BY_CLASS = Pattern.compile("Logger\\.getLogger\\(\\s*[A-Z][A-Za-z0-9]*\\.class\\s*\\)");
    private static final Pattern BY_NAME = Pattern.compile("Logger\\.getLogger\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern BY_CONSTANT = Pattern.compile("Logger\\.getLogger\\(\\s*([A-Z_]+)\\s*\\)");

    @Test
    void theReferenceNamesEveryLogCategoryOfTheCode() throws IOException {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (BY_CLASS.matcher(source).find()) {
                    written.add("dev.nhiguard." + SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                }
                Matcher named = BY_NAME.matcher(source);
                while (named.find()) {
                    written.add(named.group(1));
                }
                Matcher constant = BY_CONSTANT.matcher(source);
                while (constant.find()) {
                    Matcher value = Pattern.compile("\\b" + constant.group(1) + "\\s*=\\s*\"([^\"]+)\"").matcher(source);
                    written.add(value.find() ? value.group(1) : "unresolved constant " + constant.group(1) + " in " + file);
                }
            }
        }
        assertEquals(written, new TreeSet<>(ReferenceTables.read().names("Log categories")),
                "the log categories of the code against docs/reference.md's");
    }
}
