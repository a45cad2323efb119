package dev.nhiguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The identity-context records a server wrote, read back from Keycloak's own JSON log file as a SIEM's collector would:
 * each line one JSON object, the record the {@code message} of a line whose {@code loggerName} is the pack's category.
 */
public final class IdentityContextRecords {

    public static final String CATEGORY = "nhi.identity-context";

    private final Path jsonLog;

    public IdentityContextRecords(Path jsonLog) {
        this.jsonLog = jsonLog;
    }

    public List<JsonNode> all() {
        List<JsonNode> records = new ArrayList<>();
        try {
            if (!Files.exists(jsonLog)) {
                return records;
            }
            for (String line : Files.readAllLines(jsonLog)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = AdminApi.parse(line);
                if (CATEGORY.equals(entry.path("loggerName").asText())) {
                    records.add(AdminApi.parse(entry.get("message").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    public List<JsonNode> matching(Predicate<JsonNode> wanted) {
        return all().stream().filter(wanted).toList();
    }

    /**
     * Waits until a record with this user agent is written. Records leave the server in the order it took the requests
     * (one queue, one writer), so once the last request's record is there every earlier one is too.
     */
    public JsonNode awaitUserAgent(String userAgent) {
        return Poll.until("an identity-context record with user agent " + userAgent, Duration.ofSeconds(20), () -> {
            List<JsonNode> found = withUserAgent(userAgent);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    public List<JsonNode> withUserAgent(String userAgent) {
        return matching(r -> userAgent.equals(r.path("http_request").path("user_agent").asText(null)));
    }

    public static JsonNode nhi(JsonNode record) {
        return record.path("unmapped").path("nhi");
    }
}
