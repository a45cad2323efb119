package dev.nhiguard.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.SafeText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code PUT settings} body over the current settings: keys left out keep their value. Every problem is
 * named at once, and nothing is written unless all of it is right.
 */
final class ExpirySettingsRequest {

    private ExpirySettingsRequest() {
    }

    /** The new settings, or the problems, each naming its setting. */
    static Result read(JsonNode body, ExpirySettings current) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Result(Optional.empty(), List.of(NhiMessages.format("nhiSettingsNotAnObject")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("mode") && java.util.Arrays.stream(ExpirySettings.Setting.values()).noneMatch(s -> s.key.equals(name))) {
                problems.add(NhiMessages.format("nhiSettingUnknown", SafeText.echo(name, 40), "mode, " + java.util.Arrays.stream(
                        ExpirySettings.Setting.values()).map(s -> s.key).collect(java.util.stream.Collectors.joining(", "))));
            }
        }
        String mode = current.mode();
        JsonNode modeNode = body.get("mode");
        if (modeNode != null) {
            Optional<ExpiryMode> parsed = modeNode.isTextual() ? ExpiryMode.parse(modeNode.asText()) : Optional.empty();
            if (parsed.isEmpty()) {
                problems.add(NhiMessages.format("nhiSettingMode", SafeText.echo(modeNode.asText(), 40)));
            } else {
                mode = parsed.get().label();
            }
        }
        Map<ExpirySettings.Setting, Integer> values = new java.util.EnumMap<>(ExpirySettings.Setting.class);
        for (ExpirySettings.Setting setting : ExpirySettings.Setting.values()) {
            values.put(setting, current.value(setting));
        }
        for (ExpirySettings.Setting setting : ExpirySettings.Setting.values()) {
            JsonNode node = body.get(setting.key);
            if (node == null) {
                continue;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < setting.min || node.asInt() > setting.max) {
                problems.add(NhiMessages.format("nhiSettingRange", setting.key, setting.min, setting.max));
            } else {
                values.put(setting, node.asInt());
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(ExpirySettings.of(mode, values)), List.of());
    }

    record Result(Optional<ExpirySettings> settings, List<String> problems) {
    }
}
