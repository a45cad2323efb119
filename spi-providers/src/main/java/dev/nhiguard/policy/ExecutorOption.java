package dev.nhiguard.policy;

import org.keycloak.provider.ProviderConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One option of a pack executor or condition, in one place: its name, default, range, and what the admin console
 * shows of it. The component's form ({@link #properties}), the check when a profile is saved ({@link #check}) and the
 * reading when Keycloak builds the component ({@link #read}) all come from it, as a Keycloak executor keeps its options
 * in one nested configuration.
 *
 * @param <T> the option's value
 */
public final class ExecutorOption<T> {

    private final String name;
    private final String type;
    private final T defaultValue;
    private final BiFunction<OptionReader, String, T> reader;
    private final Predicate<T> valid;
    private final String refusal;
    private final Object[] refusalArgs;
    private String label;
    private String help;
    private List<String> choices;
    private Predicate<T> usable = v -> true;

    private ExecutorOption(String name, String type, T defaultValue, BiFunction<OptionReader, String, T> reader, Predicate<T> valid,
                           String refusal, Object... refusalArgs) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.reader = reader;
        this.valid = valid;
        this.refusal = refusal;
        this.refusalArgs = refusalArgs;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ExecutorOption<Integer> number(String name, int defaultValue, int min, int max) {
        return new ExecutorOption<>(name, ProviderConfigProperty.INTEGER_TYPE, defaultValue, OptionReader::integer,
                v -> v >= min && v <= max, "nhiOptionRange", min, max);
    }

    public static ExecutorOption<Boolean> flag(String name, boolean defaultValue) {
        return new ExecutorOption<>(name, ProviderConfigProperty.BOOLEAN_TYPE, defaultValue, OptionReader::bool, v -> true, null);
    }

    /** A text that {@code valid} accepts (else refused with the message {@code refusal}). */
    public static ExecutorOption<String> text(String name, String defaultValue, Predicate<String> valid, String refusal) {
        return new ExecutorOption<>(name, ProviderConfigProperty.STRING_TYPE, defaultValue, OptionReader::text, valid, refusal);
    }

    /** A list of texts, each of which {@code valid} accepts (else refused with the message {@code refusal}). */
    public static ExecutorOption<List<String>> texts(String name, List<String> defaultValue, Predicate<String> valid, String refusal,
                                                     Object... refusalArgs) {
        return new ExecutorOption<>(name, ProviderConfigProperty.MULTIVALUED_STRING_TYPE, defaultValue, OptionReader::texts,
                v -> v.stream().allMatch(t -> t != null && valid.test(t)), refusal, refusalArgs);
    }

    /** A list of one or more of {@code choices}. */
    public static ExecutorOption<List<String>> someOf(String name, List<String> defaultValue, List<String> choices) {
        ExecutorOption<List<String>> option = new ExecutorOption<>(name, ProviderConfigProperty.MULTIVALUED_LIST_TYPE, defaultValue,
                OptionReader::texts, v -> !v.isEmpty() && choices.containsAll(v), "nhiOptionOneOf", String.join(", ", choices));
        option.choices = choices;
        option.usable = v -> v.stream().anyMatch(choices::contains); // an unknown one is refused at save and skipped when read
        return option;
    }

    /** What the admin console shows: the field's label and help. */
    public ExecutorOption<T> shown(String label, String help) {
        this.label = label;
        this.help = help;
        return this;
    }

    /** A value that is valid but stands for nothing (an empty separator list) reads as the default. */
    public ExecutorOption<T> usableWhen(Predicate<T> usable) {
        this.usable = usable;
        return this;
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The value, the default when it is absent or stands for nothing; never throws (a wrong value is refused at save). */
    public T read(OptionReader options) {
        T value = reader.apply(options, name);
        return value != null && usable.test(value) ? value : defaultValue;
    }

    /** Reads the option at a save, noting a wrong type or a value out of its range. */
    public void check(OptionReader options) {
        T value = reader.apply(options, name);
        if (value != null && refusal != null) {
            options.problems().check(valid.test(value), name, refusal, refusalArgs);
        }
    }

    public ProviderConfigProperty property() {
        Object shownDefault = defaultValue instanceof List<?> list ? (list.isEmpty() ? null : String.join("##", (List<String>) list)) : defaultValue;
        ProviderConfigProperty property = new ProviderConfigProperty(name, label, help, type, shownDefault);
        if (choices != null) {
            property.setOptions(choices);
        }
        return property;
    }

    /** The component's form: its options, in order. */
    public static List<ProviderConfigProperty> properties(List<ExecutorOption<?>> options) {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        options.forEach(option -> properties.add(option.property()));
        return properties;
    }

    /** The names a save may hold: the options' and {@code mode}. */
    public static Set<String> namesWithMode(List<ExecutorOption<?>> options) {
        Set<String> names = new TreeSet<>();
        options.forEach(option -> names.add(option.name()));
        names.add(EnforcementMode.OPTION);
        return names;
    }

    /** Checks every option and the mode of a save, and refuses it naming each wrong one. */
    public static boolean validate(String component, java.util.Map<String, Object> values, List<ExecutorOption<?>> options) {
        return problems(component, values, options).validOrRefuse();
    }

    static InvalidOption problems(String component, java.util.Map<String, Object> values, List<ExecutorOption<?>> options) {
        OptionReader reader = new OptionReader(component, values).allowOnly(namesWithMode(options));
        options.forEach(option -> option.check(reader));
        EnforcementMode.read(reader);
        return reader.problems();
    }
}
