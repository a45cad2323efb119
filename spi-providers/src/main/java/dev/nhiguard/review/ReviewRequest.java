package dev.nhiguard.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.http.StrictJson;
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
    /** The request from the body as sent, or the problems. */
    static Result parse(byte[] body, jakarta.ws.rs.core.MediaType type) {
        try {
            return read(StrictJson.read(body, type));
        } catch (StrictJson.Unreadable e) {
            return new Result(Optional.empty(), List.of(e.getMessage()));
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
        if (decisionNode != null && !decisionNode.isNull() && !decisionNode.isTextual()) {
            problems.add(NhiMessages.format("nhiReviewTextType", "decision"));
        } else if (decision.isEmpty()) {
            problems.add(NhiMessages.format("nhiReviewDecision", decisionNode == null ? "" : SafeText.echo(decisionNode.asText(), 40)));
        }
        String comment = text(body, "comment", ReviewEntity.COMMENT_LENGTH, true, problems);
        String newOwner = text(body, "newOwner", 255, false, problems);
        if (decision.isPresent()) {
            // a newOwner refused above was sent all the same: it is not also "missing"
            boolean newOwnerSent = newOwner != null ? !newOwner.isBlank() : body.hasNonNull("newOwner");
            if (decision.get() == ReviewDecision.REASSIGN && !newOwnerSent) {
                problems.add(NhiMessages.format("nhiReviewNewOwnerMissing"));
            } else if (decision.get() != ReviewDecision.REASSIGN && newOwnerSent) {
                problems.add(NhiMessages.format("nhiReviewNewOwnerOnlyReassign"));
            }
        }
        if (decision.orElse(null) == ReviewDecision.CLEAR_ANOMALY && (comment == null || !SafeText.hasVisibleText(comment))
                && problems.isEmpty()) {
            // a cleared flag lets blocked tokens flow again: the history says why
            problems.add(NhiMessages.format("nhiReviewClearNeedsComment"));
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new ReviewRequest(decision.get(), comment == null || comment.isBlank() ? null : comment.strip(),
                newOwner)), List.of());
    }

    /**
     * Text, stored exactly as written and escaped wherever it is shown: {@code < > &} are ordinary characters
     * ("rate < 5 per hour"); control and invisible characters are refused. A comment may run over lines; a name is one
     * word as the user directory knows it, taken as sent.
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
        // line breaks are how a comment runs over lines; a tab or any other control character is invisible in most places
        String checked = lines ? value.replace("\n", "").replace("\r", "") : value;
        if (SafeText.hasControlCharacters(checked) || (!lines && !value.equals(value.strip()))) {
            problems.add(NhiMessages.format("nhiReviewTextNotPlain", field));
            return null;
        }
        return value;
    }

    record Result(Optional<ReviewRequest> request, List<String> problems) {
    }
}
