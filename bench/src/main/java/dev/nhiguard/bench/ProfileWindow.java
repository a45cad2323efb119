package dev.nhiguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * When the profiled load ran after its warm-up: the span the A/B's rounds correspond to, so {@link JfrShare} can count
 * the samples of that span only (a recording also holds the server's start-up and the JIT's warm-up minute).
 * One line, {@code <from> <to>} in epoch milliseconds, in the file {@code -Dbench.profileWindow} names.
 */
record ProfileWindow(long fromMillis, long toMillis) {

    static Path file() {
        return Path.of(System.getProperty("bench.profileWindow", "target/profile-window.txt"));
    }

    static void write(long from, long to) {
        try {
            Files.writeString(file(), from + " " + to + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profiled window to " + file(), e);
        }
    }

    static ProfileWindow read(Path file) throws IOException {
        List<String> parts = List.of(Files.readString(file).trim().split(" "));
        if (parts.size() != 2) {
            throw new IllegalArgumentException(file + " does not hold '<from> <to>' in epoch milliseconds");
        }
        return new ProfileWindow(Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1)));
    }

    boolean contains(long epochMillis) {
        return epochMillis >= fromMillis && epochMillis <= toMillis;
    }
}
