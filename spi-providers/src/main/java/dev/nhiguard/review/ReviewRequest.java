package dev.nhiguard.review;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** The request, or the problems, each naming its field. */
    static Result read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Result(Optional.empty(), List.of(NhiMessages.format("nhiReviewNotAnObject")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(NhiMessages.format("nhiReviewUnknownField", SafeText.echo(name, 40)));
            }
        }
        JsonNode decisionNode = body.get("decision");
        Optional<ReviewDecision> decision = decisionNode != null && decisionNode.isTextual() ? ReviewDecision.parse(decisionNode.asText())
                : Optional.empty();
        if (decision.isEmpty()) {
            problems.add(NhiMessages.format("nhiReviewDecision", decisionNode == null ? "" : SafeText.echo(decisionNode.asText(), 40)));
        }
        String comment = text(body, "comment", ReviewEntity.COMMENT_LENGTH, problems);
        String newOwner = text(body, "newOwner", 255, problems);
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
                newOwner == null ? null : newOwner.strip())), List.of());
    }

    /** Plain text: no markup and no control characters, shown to other people exactly as written. */
    private static String text(JsonNode body, String field, int maxLength, List<String> problems) {
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
        // a comment may run over lines; nothing else invisible, and no markup
        if (SafeText.hasMarkup(value) || SafeText.hasControlCharacters(value.replace("\n", "").replace("\r", "").replace("\t", ""))) {
            problems.add(NhiMessages.format("nhiReviewTextNotPlain", field));
            return null;
        }
        return value;
    }

    record Result(Optional<ReviewRequest> request, List<String> problems) {
    }
}
