package dev.nhiguard.telemetry;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A scope parameter as a set, bounded: a record never carries more than 50 scope names of a 4 KB parameter. */
final class Scopes {

    private Scopes() {
    }

    static Set<String> split(String scope) {
        if (scope == null || scope.isBlank() || scope.length() > 4096) {
            return Set.of();
        }
        return Arrays.stream(scope.trim().split(" +")).limit(50).map(s -> s.length() > 100 ? s.substring(0, 100) : s)
                .collect(Collectors.toUnmodifiableSet());
    }
}
