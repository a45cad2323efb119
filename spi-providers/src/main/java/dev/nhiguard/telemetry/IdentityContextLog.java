package dev.nhiguard.telemetry;

import org.jboss.logging.Logger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands records to Keycloak's logging under the category {@value #CATEGORY}, from a thread of its own: a token
 * response never waits for a log handler's I/O (a slow syslog endpoint, a full disk). When the queue is full a record
 * is dropped and counted ({@code nhi_identity_context_dropped_total}) rather than block the request.
 */
final class IdentityContextLog {

    static final String CATEGORY = "nhi.identity-context";
    private static final Logger RECORDS = Logger.getLogger(CATEGORY);
    private static final Logger LOG = Logger.getLogger(IdentityContextLog.class);

    private final BlockingQueue<IdentityContextRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    IdentityContextLog(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeUntilStopped, "nhi-identity-context");
        writer.setDaemon(true);
        writer.start();
    }

    /** Never blocks. */
    void offer(IdentityContextRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void writeUntilStopped() {
        while (running || !queue.isEmpty()) {
            try {
                IdentityContextRecord record = queue.poll(500, TimeUnit.MILLISECONDS);
                if (record != null) {
                    RECORDS.info(OcsfRecord.format(record));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not write an identity-context record");
            }
        }
    }

    /** Writes what is queued, then stops. */
    void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
