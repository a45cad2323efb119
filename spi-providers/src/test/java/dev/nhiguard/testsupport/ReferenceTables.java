package dev.nhiguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of docs/reference.md, by the heading above them: each row's cells as written. The tests that hold the
 * reference to the server read the names in a table's first column, written in backticks.
 */
public final class ReferenceTables {

    public static final Path REFERENCE = Path.of(System.getProperty("nhi.docs", "../docs")).resolve("reference.md");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private final Map<String, List<List<List<String>>>> tables;

    private ReferenceTables(Map<String, List<List<List<String>>>> tables) {
        this.tables = tables;
    }

    public static ReferenceTables read() {
        try {
            return parse(Files.readString(REFERENCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of every table under headings ({@code ##} or {@code ###}), each table's header and separator rows left out. */
    static ReferenceTables parse(String markdown) {
        Map<String, List<List<List<String>>>> tables = new LinkedHashMap<>();
        String heading = null;
        List<List<String>> table = null;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "").strip();
                table = null;
            } else if (!line.startsWith("|") || heading == null) {
                table = null;
            } else if (table == null) { // a table's first row names its columns
                table = new ArrayList<>();
                tables.computeIfAbsent(heading, h -> new ArrayList<>()).add(table);
            } else if (!line.matches("\\|[\\s\\-|]+\\|")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                    cells.add(cell.strip());
                }
                table.add(cells);
            }
        }
        return new ReferenceTables(tables);
    }

    /** The rows of the first table under this heading; fails when there is none. */
    public List<List<String>> rows(String heading) {
        return rows(heading, 0);
    }

    /** The rows of the table under this heading counted from 0. */
    public List<List<String>> rows(String heading, int index) {
        List<List<List<String>>> under = tables.get(heading);
        if (under == null || under.size() <= index) {
            throw new AssertionError("docs/reference.md has no table " + index + " under '" + heading + "'; it has " + tables.keySet());
        }
        return under.get(index);
    }

    /** The first column's names (its first text in backticks) of the table under this heading. */
    public List<String> names(String heading) {
        return rows(heading).stream().map(row -> firstCode(row.get(0))).toList();
    }

    /** A cell's texts in backticks, in order: a default of several values, say; none for "(none)". */
    public static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    public static String firstCode(String cell) {
        List<String> codes = codes(cell);
        if (codes.isEmpty()) {
            throw new AssertionError("no name in backticks in '" + cell + "'");
        }
        return codes.get(0);
    }
}
