package dev.nhiguard.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for a condition the server reaches on its own (a scheduled job, a request running in the background) by
 * asking it again and again until a deadline: the answer is the server's, never an assumed duration.
 */
public final class Poll {

    private static final Duration PAUSE = Duration.ofMillis(50);

    private Poll() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(PAUSE.toNanos());
        }
    }
}
