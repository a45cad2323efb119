package dev.nhiguard.bench;

import java.util.List;

/**
 * A benchmark option that takes one of a few words: a misspelt value stops the run naming the option, instead of
 * quietly measuring the default.
 */
final class BenchChoice {

    private BenchChoice() {
    }

    static String of(String property, String defaultValue, List<String> allowed) {
        String value = System.getProperty(property, defaultValue);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("-D" + property + " must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }
}
