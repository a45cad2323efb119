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
 * The pack's share of a JFR recording's CPU samples, and of the bytes its allocation samples weigh, counted the same
 * way (record with {@code -XX:FlightRecorderOptions:stackdepth=1024}, so deep Keycloak stacks are not cut, and
 * {@code jdk.ObjectAllocationSample#throttle} raised, as {@code bench/profile-token.sh} does): a sample counts for the pack when any frame of its stack is the
 * pack's code (inclusive, so the pack's share takes in the Keycloak and JDK code it calls), on any thread (the record
 * writer's included). With the window the profiled benchmark wrote ({@link ProfileWindow}), the figure is that of the
 * measured load after its warm-up, the span the A/B's rounds measure; the whole recording (start-up and the JIT's
 * warm-up minute included) is printed beside it. Prints the pack's outermost methods by samples.
 *
 * <pre>java -cp bench/target/classes dev.nhiguard.bench.JfrShare /tmp/kc.jfr [bench/target/profile-window.txt]</pre>
 */
public final class JfrShare {

    private static final String PACK = "dev.nhiguard.";

    private static final class Count {
        long total;
        long pack;
        long bytes;
        long packBytes;
        long allocationSamples;
        final Map<String, Long> outermost = new HashMap<>();

        void print(String what) {
            System.out.printf(Locale.ROOT, "%s: CPU samples: %d; with the pack's code on the stack: %d (%.2f %%)%n", what, total, pack,
                    total == 0 ? 0.0 : 100.0 * pack / total);
            System.out.printf(Locale.ROOT, "%s: allocation samples: %d weighing %d bytes; with the pack's code on the stack: %d bytes (%.2f %%)%n",
                    what, allocationSamples, bytes, packBytes, bytes == 0 ? 0.0 : 100.0 * packBytes / bytes);
        }
    }

    public static void main(String[] args) throws IOException {
        ProfileWindow window = args.length > 1 ? ProfileWindow.read(Path.of(args[1])) : null;
        Count whole = new Count();
        Count measured = new Count();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            if (!cpu && !type.equals("jdk.ObjectAllocationSample") || event.getStackTrace() == null) {
                continue;
            }
            String top = outermostPackMethod(event.getStackTrace().getFrames());
            boolean inWindow = window != null && window.contains(event.getStartTime().toEpochMilli());
            for (Count count : inWindow ? List.of(whole, measured) : List.of(whole)) {
                if (cpu) {
                    count.total++;
                    if (top != null) {
                        count.pack++;
                        count.outermost.merge(top, 1L, Long::sum);
                    }
                } else {
                    long weight = event.getLong("weight");
                    count.allocationSamples++;
                    count.bytes += weight;
                    if (top != null) {
                        count.packBytes += weight;
                    }
                }
            }
        }
        Count listed = window != null ? measured : whole;
        if (window != null) {
            measured.print("measured load (after warm-up)");
        }
        whole.print(window != null ? "whole recording (start-up and warm-up included)" : "whole recording");
        long all = listed.total;
        listed.outermost.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.2f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }

    private static String outermostPackMethod(List<RecordedFrame> frames) {
        String top = null;
        for (RecordedFrame frame : frames) {
            if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(PACK)) {
                top = frame.getMethod().getType().getName().substring(PACK.length()) + "." + frame.getMethod().getName();
            }
        }
        return top;
    }
}
