package dev.nhiguard.expiry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** What a sweep did or, in a dry run or forecast, would do. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"realm", "asOf", "dryRun", "mode", "examined", "actions"})
public record SweepResult(String realm, String asOf, boolean dryRun, String mode, int examined, List<SweepEntry> actions) {
}
