package dev.nhiguard.expiry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** One client in a sweep's answer: what was (or would be) done, and why. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "clientId", "action", "rule", "rules", "applied"})
public record SweepEntry(String id, String clientId, String action, String rule, List<String> rules, boolean applied) {
}
