package dev.nhiguard.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pack's share of a JFR recording's CPU samples: a sample counts for the pack when any frame of its stack is the
 * pack's code (inclusive, so the pack's share takes in the Keycloak and JDK code it calls), on any thread (the record
 * writer's included). Prints the total, the pack's share and the pack's outermost methods by samples.
 *
 * <pre>java -cp bench/target/classes dev.nhiguard.bench.JfrShare /tmp/kc.jfr</pre>
 */
public final class JfrShare {

    private static final String PACK = "dev.nhiguard.";

    public static void main(String[] args) throws IOException {
        long total = 0;
        long pack = 0;
        Map<String, Long> outermost = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            String top = null;
            for (RecordedFrame frame : frames) {
                if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(PACK)) {
                    top = frame.getMethod().getType().getName().substring(PACK.length()) + "." + frame.getMethod().getName();
                }
            }
            if (top != null) {
                pack++;
                outermost.merge(top, 1L, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "CPU samples: %d; with the pack's code on the stack: %d (%.2f %%)%n", total, pack,
                total == 0 ? 0.0 : 100.0 * pack / total);
        long all = total;
        outermost.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.2f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }
}
