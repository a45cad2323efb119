package dev.nhiguard.review;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.store.ReviewEntity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A review as posted: {@code {"decision": …, "comment": …, "newOwner": …}}, every problem named at once. */
record ReviewRequest(ReviewDecision decision, String comment, String newOwner) {

    private static final Set<String> FIELDS = Set.of("decision", "comment", "newOwner");
    /** Unknown fields named one by one up to here; an answer never grows with the size of the body. */
    private static final int NAMED_UNKNOWN_FIELDS = 5;
    /**
     * One reading of a body for everyone: a duplicate key or anything after the object is refused, so what a proxy, a
     * log or a person reads first is what the server does.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The request from the body as sent, or the problems. */
    static Result parse(String body) {
        try {
            return read(body == null || body.isBlank() ? null : STRICT.readTree(body));
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            return new Result(Optional.empty(), List.of(NhiMessages.format("nhiReviewNotJson",
                    SafeText.echo(reason == null ? "" : reason, 120))));
        }
    }

    /** The request, or the problems, each naming its field. */
    static Result read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Result(Optional.empty(), List.of(NhiMessages.format("nhiReviewNotAnObject")));
        }
        int unknown = 0;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && ++unknown <= NAMED_UNKNOWN_FIELDS) {
                problems.add(NhiMessages.format("nhiReviewUnknownField", SafeText.echo(name, 40)));
            }
        }
        if (unknown > NAMED_UNKNOWN_FIELDS) {
            problems.add(NhiMessages.format("nhiReviewMoreUnknownFields", unknown - NAMED_UNKNOWN_FIELDS));
        }
        JsonNode decisionNode = body.get("decision");
        Optional<ReviewDecision> decision = decisionNode != null && decisionNode.isTextual() ? ReviewDecision.parse(decisionNode.asText())
                : Optional.empty();
        if (decision.isEmpty()) {
            problems.add(NhiMessages.format("nhiReviewDecision", decisionNode == null ? "" : SafeText.echo(decisionNode.asText(), 40)));
        }
        String comment = text(body, "comment", ReviewEntity.COMMENT_LENGTH, true, problems);
        String newOwner = text(body, "newOwner", 255, false, problems);
        if (decision.isPresent()) {
            if (decision.get() == ReviewDecision.REASSIGN && (newOwner == null || newOwner.isBlank())) {
                problems.add(NhiMessages.format("nhiReviewNewOwnerMissing"));
            } else if (decision.get() != ReviewDecision.REASSIGN && newOwner != null) {
                problems.add(NhiMessages.format("nhiReviewNewOwnerOnlyReassign"));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new ReviewRequest(decision.get(), comment == null || comment.isBlank() ? null : comment.strip(),
                newOwner)), List.of());
    }

    /**
     * Plain text: no markup and no control characters, shown to other people exactly as written. A comment may run
     * over lines; a name is one word as the user directory knows it, taken as sent.
     */
    private static String text(JsonNode body, String field, int maxLength, boolean lines, List<String> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(NhiMessages.format("nhiReviewTextType", field));
            return null;
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            problems.add(NhiMessages.format("nhiReviewTextTooLong", field, maxLength, value.length()));
            return null;
        }
        String checked = lines ? value.replace("\n", "").replace("\r", "").replace("\t", "") : value;
        if (SafeText.hasMarkup(value) || SafeText.hasControlCharacters(checked) || (!lines && !value.equals(value.strip()))) {
            problems.add(NhiMessages.format("nhiReviewTextNotPlain", field));
            return null;
        }
        return value;
    }

    record Result(Optional<ReviewRequest> request, List<String> problems) {
    }
}
