package dev.nhiguard.policy;

import dev.nhiguard.http.WholeNumbers;
import dev.nhiguard.shared.SafeText;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a policy component's options as Keycloak stored them (name to JSON value) strictly: each option of the type
 * its form declares, and no option the component does not have. Keycloak turns a value of the wrong type into a 500
 * ("Cannot parse the JSON") and stores a misspelt name without a word; read through this, both are a 400 naming the
 * option and what it takes. Booleans and whole numbers are also taken in their plain text form ({@code "true"},
 * {@code "300"}), which is how Keycloak's admin console sends a form's values.
 */
public final class OptionReader {

    private final Map<String, Object> values;
    private final InvalidOption problems;

    public OptionReader(String component, Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
        this.problems = new InvalidOption(component);
    }

    /**
     * Notes every option that is not one of {@code known}. Only a save needs this: Keycloak builds an executor from its
     * options on every client-policy event, and reading them then must stay cheap.
     */
    public OptionReader allowOnly(Set<String> known) {
        List<String> unknown = new ArrayList<>(new TreeSet<>(values.keySet()));
        unknown.removeAll(known);
        for (String name : unknown) {
            problems.check(false, SafeText.echo(name, 60), "nhiOptionUnknown", String.join(", ", new TreeSet<>(known)));
        }
        return this;
    }

    /** What was wrong so far; {@link InvalidOption#validOrRefuse()} answers it. */
    public InvalidOption problems() {
        return problems;
    }

    /** The option as a boolean, or null when absent or not a boolean (noted). */
    public Boolean bool(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf((String) value);
        }
        problems.check(false, name, "nhiOptionBoolean");
        return null;
    }

    /** The option as a whole number, or null when absent or not one (noted). */
    public Integer integer(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long || value instanceof Short)
                && ((Number) value).longValue() >= Integer.MIN_VALUE && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return ((Number) value).intValue();
        }
        if (value instanceof String text) {
            java.util.OptionalInt digits = WholeNumbers.digits(text);
            if (digits.isPresent()) {
                return digits.getAsInt();
            }
        }
        problems.check(false, name, "nhiOptionInteger");
        return null;
    }

    /** The option as text, or null when absent or not text (noted). */
    public String text(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.check(false, name, "nhiOptionText");
        return null;
    }

    /** The option as a list of texts, or null when absent or not a list of texts (noted). */
    public List<String> texts(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> texts = new java.util.ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    problems.check(false, name, "nhiOptionTexts");
                    return null;
                }
                texts.add(text);
            }
            return java.util.Collections.unmodifiableList(texts);
        }
        problems.check(false, name, "nhiOptionTexts");
        return null;
    }
}
