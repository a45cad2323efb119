package dev.nhiguard.inventory;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV of inventory entries, one row per client, columns in API field order.
 * Lists are space-separated; client roles are written {@code client:role}, scope usage {@code scope=last asked for}.
 */
final class InventoryCsv {

    private static final String[] COLUMNS = InventoryEntry.class.getAnnotation(JsonPropertyOrder.class).value();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InventoryCsv() {
    }

    /** Writes the header, then one row per entry as the stream yields it. */
    static void write(java.util.stream.Stream<InventoryEntry> entries, java.io.Writer out) throws java.io.IOException {
        StringBuilder row = new StringBuilder(1024);
        appendRow(row, List.of(COLUMNS));
        out.write(row.toString());
        for (java.util.Iterator<InventoryEntry> it = entries.iterator(); it.hasNext(); ) {
            row.setLength(0);
            appendRow(row, cells(it.next()));
            out.write(row.toString());
        }
        out.flush();
    }

    private static List<String> cells(InventoryEntry entry) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = MAPPER.convertValue(entry, Map.class);
        return java.util.Arrays.stream(COLUMNS).map(c -> c.equals("scopeUsage") ? scopeUsage(fields.get(c)) : render(fields.get(c))).toList();
    }

    /** {@code scope=when it was last asked for}, {@code -} when never. */
    private static String scopeUsage(Object value) {
        if (!(value instanceof Map<?, ?> byScope)) {
            return "";
        }
        return byScope.entrySet().stream().map(e -> {
            Object lastRequested = e.getValue() instanceof Map<?, ?> use ? use.get("lastRequested") : null;
            return e.getKey() + "=" + (lastRequested == null ? "-" : lastRequested);
        }).collect(Collectors.joining(" "));
    }

    private static void appendRow(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .flatMap(e -> ((Collection<?>) e.getValue()).stream().map(role -> e.getKey() + ":" + role))
                    .collect(Collectors.joining(" "));
        }
        return String.valueOf(value);
    }

    /** Quotes where RFC 4180 needs it, and defuses cells a spreadsheet would run as a formula. */
    static String escape(String cell) {
        String safe = cell;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
