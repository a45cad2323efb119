package dev.nhiguard.anomaly;

import dev.nhiguard.shared.EnforcementMode;
import dev.nhiguard.shared.NhiExecutorConfiguration;
import dev.nhiguard.shared.OptionReader;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The executor's options as stored in a client profile, read strictly (see {@link OptionReader}). */
public class AnomalyBlockExecutorConfiguration extends NhiExecutorConfiguration {

    private static final Set<String> OPTIONS = Set.of(AnomalyBlockExecutorFactory.KINDS, EnforcementMode.OPTION);
    private static final Set<String> KIND_NAMES = Arrays.stream(AnomalyKind.values()).map(Enum::name).collect(Collectors.toSet());

    private OptionReader reader() {
        return new OptionReader(AnomalyBlockExecutorFactory.PROVIDER_ID, getConfigAsMap());
    }

    @Override
    public boolean validateConfig() {
        OptionReader options = reader().allowOnly(OPTIONS);
        EnforcementMode.read(options);
        List<String> kinds = options.texts(AnomalyBlockExecutorFactory.KINDS);
        return options.problems()
                .check(kinds == null || !kinds.isEmpty() && KIND_NAMES.containsAll(kinds), AnomalyBlockExecutorFactory.KINDS,
                        "nhiOptionOneOf", String.join(", ", Arrays.stream(AnomalyKind.values()).map(Enum::name).toList()))
                .validOrRefuse();
    }

    /** Never throws: an unknown kind is skipped here and refused when the profile is saved. */
    Set<String> kinds() {
        List<String> kinds = reader().texts(AnomalyBlockExecutorFactory.KINDS);
        List<String> known = kinds == null ? List.of() : kinds.stream().filter(KIND_NAMES::contains).toList();
        return Set.copyOf(known.isEmpty() ? AnomalyBlockExecutorFactory.DEFAULT_KINDS : known);
    }

    /** The kinds a stored executor configuration blocks on, read as the executor reads them. */
    public static Set<String> blockingKinds(com.fasterxml.jackson.databind.JsonNode options) {
        return options == null || options.isNull() ? Set.copyOf(AnomalyBlockExecutorFactory.DEFAULT_KINDS)
                : org.keycloak.util.JsonSerialization.mapper.convertValue(options, AnomalyBlockExecutorConfiguration.class).kinds();
    }
}
