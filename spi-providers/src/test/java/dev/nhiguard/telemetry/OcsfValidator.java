package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one event against an {@link OcsfSchema} as OCSF's own validator (ocsf-server's validator2) does, with what
 * it only warns about made an error: a record a SIEM reads must not need its reader's leniency. Checked: the class
 * ({@code class_uid}); every attribute name known to its class or object, profile attributes only with their profile
 * in {@code metadata.profiles}; each value's type (the dictionary's types with their base types, max_len, regex,
 * range), arrays against {@code is_array}; enum ids, and each enum's {@code _name}/caption sibling (except 99, Other);
 * required attributes, and the classes' and objects' constraints; {@code type_uid}; {@code metadata.version}. Not
 * checked: observables, deprecations, recommended attributes. An object without attributes ({@code object}, as
 * {@code unmapped} is typed) is open: its content is not checked. Stricter than ocsf-server: an enum sibling that is
 * not its id's caption and a string its type's regex refuses are errors (warnings there), and {@code integer_t} is
 * 32 bits (ocsf-server takes 64), as the columnar stores SIEMs keep OCSF in type it.
 */
final class OcsfValidator {

    private final OcsfSchema schema;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> profiles = new TreeSet<>();
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    private OcsfValidator(OcsfSchema schema) {
        this.schema = schema;
    }

    /** Every way {@code event} breaks the schema, as {@code path: what}; empty when it is a valid event. */
    static List<String> validate(OcsfSchema schema, JsonNode event) {
        return new OcsfValidator(schema).run(event);
    }

    private List<String> run(JsonNode event) {
        JsonNode classUid = event.get("class_uid");
        if (classUid == null || !classUid.isIntegralNumber() || !classUid.canConvertToInt()) {
            errors.add("class_uid: missing or not an integer, so no class to check against");
            return errors;
        }
        OcsfSchema.Item eventClass = schema.eventClass(classUid.intValue());
        if (eventClass == null) {
            errors.add("class_uid: no class " + classUid + " in OCSF " + schema.version);
            return errors;
        }
        JsonNode listed = event.path("metadata").path("profiles");
        for (int i = 0; i < listed.size(); i++) {
            String profile = listed.get(i).asText();
            if (schema.hasProfile(profile)) {
                profiles.add(profile);
            } else {
                errors.add("metadata.profiles[" + i + "]: no profile " + profile + " among the OCSF " + schema.version + " schema files");
            }
        }
        item(event, eventClass, "");
        JsonNode version = event.path("metadata").path("version");
        if (version.isTextual() && !version.asText().equals(schema.version)) {
            errors.add("metadata.version: " + version.asText() + ", but the schema is " + schema.version);
        }
        JsonNode activity = event.path("activity_id");
        JsonNode type = event.path("type_uid");
        if (activity.isIntegralNumber() && type.isIntegralNumber() && type.longValue() != classUid.longValue() * 100 + activity.longValue()) {
            errors.add("type_uid: " + type + ", but class_uid " + classUid + " * 100 + activity_id " + activity + " is "
                    + (classUid.longValue() * 100 + activity.longValue()));
        }
        return errors;
    }

    private void item(JsonNode node, OcsfSchema.Item item, String path) {
        if (item.attributes().isEmpty()) {
            return; // OCSF's open object (unmapped): anything goes
        }
        Map<String, OcsfSchema.Attribute> active = new LinkedHashMap<>();
        item.attributes().forEach((name, attribute) -> {
            if (attribute.profiles() == null || attribute.profiles().stream().anyMatch(profiles::contains)) {
                active.put(name, attribute);
            }
        });
        for (OcsfSchema.Attribute attribute : active.values()) {
            JsonNode value = node.get(attribute.name());
            if (value == null || value.isNull()) {
                if (attribute.required()) {
                    errors.add(at(path, attribute.name()) + ": required by " + item.name() + ", missing");
                }
            } else {
                value(value, attribute, at(path, attribute.name()));
                enumeration(node, value, attribute, path);
            }
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!active.containsKey(name)) {
                OcsfSchema.Attribute known = item.attributes().get(name);
                errors.add(at(path, name) + (known == null ? ": not an attribute of " + item.name()
                        : ": an attribute of profile " + String.join("/", known.profiles()) + ", which metadata.profiles does not list"));
            }
        });
        constraints(node, item, path);
    }

    private void value(JsonNode value, OcsfSchema.Attribute attribute, String path) {
        if (attribute.array()) {
            if (!value.isArray()) {
                errors.add(path + ": " + kind(value) + ", but " + attribute.name() + " is an array of " + typeName(attribute));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                single(value.get(i), attribute, path + "[" + i + "]");
            }
        } else if (value.isArray() && !"json_t".equals(attribute.type())) {
            errors.add(path + ": an array, but " + attribute.name() + " is one " + typeName(attribute));
        } else {
            single(value, attribute, path);
        }
    }

    private void single(JsonNode value, OcsfSchema.Attribute attribute, String path) {
        if (attribute.objectType() != null) {
            if (value.isObject()) {
                item(value, schema.object(attribute.objectType()), path);
            } else {
                errors.add(path + ": " + kind(value) + ", but " + attribute.name() + " is the object " + attribute.objectType());
            }
            return;
        }
        String type = attribute.type();
        JsonNode detail = schema.type(type);
        String base = detail.path("type").asText(type);
        boolean matches = switch (base) {
            case "boolean_t" -> value.isBoolean();
            case "integer_t" -> value.isIntegralNumber() && value.canConvertToInt();
            case "long_t" -> value.isIntegralNumber() && value.canConvertToLong();
            case "float_t" -> value.isNumber();
            case "string_t" -> value.isTextual();
            case "json_t" -> true;
            default -> throw new IllegalStateException("the dictionary's type " + type + " has the unknown base type " + base);
        };
        if (!matches) {
            String what = value.isIntegralNumber() && "integer_t".equals(base) ? "an integer beyond 32 bits" : kind(value);
            errors.add(path + ": " + what + ", but " + attribute.name() + " is " + (base.equals(type) ? type : type + " (" + base + ")"));
            return;
        }
        JsonNode maxLength = rule(detail, base, "max_len");
        if (value.isTextual() && maxLength.isInt() && value.asText().codePointCount(0, value.asText().length()) > maxLength.asInt()) {
            errors.add(path + ": longer than " + type + "'s " + maxLength + " characters");
        }
        JsonNode regex = rule(detail, base, "regex");
        if (value.isTextual() && regex.isTextual() && !patterns.computeIfAbsent(regex.asText(), Pattern::compile).matcher(value.asText()).find()) {
            errors.add(path + ": \"" + value.asText() + "\" is not a " + type + " (its regex does not match)");
        }
        JsonNode range = rule(detail, base, "range");
        if (value.isNumber() && range.size() == 2
                && (value.doubleValue() < range.get(0).doubleValue() || value.doubleValue() > range.get(1).doubleValue())) {
            errors.add(path + ": " + value + " is outside " + type + "'s range " + range);
        }
        JsonNode values = rule(detail, base, "values");
        if (values.isArray() && !contains(values, value)) {
            errors.add(path + ": " + value + " is not one of " + type + "'s values " + values);
        }
    }

    /** A subtype's own rule, else its base type's (as ocsf-server reads them). */
    private JsonNode rule(JsonNode detail, String base, String key) {
        return detail.has(key) ? detail.get(key) : schema.type(base).path(key);
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** An enum's id must be one of the schema's; its sibling (activity_name, status, class_name, ...) that id's caption. */
    private void enumeration(JsonNode node, JsonNode value, OcsfSchema.Attribute attribute, String path) {
        if (attribute.captions().isEmpty() || attribute.objectType() != null) {
            return;
        }
        JsonNode sibling = attribute.sibling() == null ? null : node.get(attribute.sibling());
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                enumValue(value.get(i), attribute, at(path, attribute.name()) + "[" + i + "]",
                        sibling != null && sibling.isArray() ? sibling.get(i) : null, at(path, attribute.sibling()) + "[" + i + "]");
            }
        } else {
            enumValue(value, attribute, at(path, attribute.name()), sibling, at(path, attribute.sibling()));
        }
    }

    private void enumValue(JsonNode value, OcsfSchema.Attribute attribute, String path, JsonNode sibling, String siblingPath) {
        if (!value.isValueNode()) {
            return; // its type is wrong, said already
        }
        String id = value.asText();
        String caption = attribute.captions().get(id);
        if (caption == null) {
            errors.add(path + ": " + value + " is not in the enum of " + attribute.name() + " " + attribute.captions().keySet());
        } else if (sibling != null && !sibling.isNull() && !"99".equals(id) && !caption.equals(sibling.asText())) {
            // 99 (Other) is the one id whose sibling carries the source's own word instead of the caption
            errors.add(siblingPath + ": \"" + sibling.asText() + "\", but " + attribute.name() + " " + id + " is \"" + caption + "\"");
        }
    }

    private void constraints(JsonNode node, OcsfSchema.Item item, String path) {
        item.constraints().properties().forEach(c -> {
            long present = 0;
            for (JsonNode name : c.getValue()) {
                if (node.hasNonNull(name.asText())) {
                    present++;
                }
            }
            String where = path.isEmpty() ? item.name() : path;
            switch (c.getKey()) {
                case "at_least_one" -> {
                    if (present == 0) {
                        errors.add(where + ": " + item.name() + " needs at least one of " + c.getValue());
                    }
                }
                case "just_one" -> {
                    if (present != 1) {
                        errors.add(where + ": " + item.name() + " needs exactly one of " + c.getValue() + ", has " + present);
                    }
                }
                default -> errors.add(where + ": " + item.name() + " has the constraint " + c.getKey() + ", which this validator does not know");
            }
        });
    }

    private static String typeName(OcsfSchema.Attribute attribute) {
        return attribute.objectType() != null ? "object " + attribute.objectType() : attribute.type();
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase();
        };
    }

    private static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
