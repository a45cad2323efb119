package dev.nhiguard.anomaly;

import dev.nhiguard.policy.ExecutorOption;
import dev.nhiguard.policy.NhiExecutorConfiguration;
import dev.nhiguard.policy.OptionReader;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The executor's options, each in one place (name, default, range, what the console shows), as stored in a client
 * profile: a wrong type, an unknown kind or name is refused when the profile is saved; an absent one reads as its default.
 */
public class AnomalyBlockExecutorConfiguration extends NhiExecutorConfiguration {

    private static final List<String> KIND_NAMES = Arrays.stream(AnomalyKind.values()).map(Enum::name).toList();

    /** A refusal burst is raised by callers nobody authenticated: blocking on it would let a stranger lock a client out. */
    static final ExecutorOption<List<String>> KINDS = ExecutorOption.someOf("kinds",
                    KIND_NAMES.stream().filter(k -> !k.equals(AnomalyKind.REFUSAL_BURST.name())).toList(), KIND_NAMES)
            .shown("Blocking flags", "Tokens are refused while the client has an open flag of one of these kinds. REFUSAL_BURST is raised by "
                    + "requests nobody authenticated: choosing it lets anyone who knows a client id lock that client out.");
    static final List<ExecutorOption<?>> OPTIONS = List.of(KINDS);

    @Override
    public boolean validateConfig() {
        return ExecutorOption.validate(AnomalyBlockExecutorFactory.PROVIDER_ID, getConfigAsMap(), OPTIONS);
    }

    /** Never throws: an unknown kind is skipped here and refused when the profile is saved. */
    Set<String> kinds() {
        return Set.copyOf(KINDS.read(new OptionReader(AnomalyBlockExecutorFactory.PROVIDER_ID, getConfigAsMap())).stream()
                .filter(KIND_NAMES::contains).toList());
    }

    /** The kinds a stored executor configuration blocks on, read as the executor reads them. */
    public static Set<String> blockingKinds(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? Set.copyOf(KINDS.defaultValue())
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, AnomalyBlockExecutorConfiguration.class).kinds();
    }
}
