package dev.nhiguard.telemetry;

import org.jboss.logging.Logger;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands records to Keycloak's logging under the category {@value #CATEGORY}, from a thread of its own: a token
 * response never waits for a log handler's I/O (a slow syslog endpoint, a full disk). When the queue is full a record
 * is dropped and counted ({@code nhi_identity_context_dropped_total}) rather than block the request. The queue takes
 * a record without a lock (request threads never wait on one another here, and wake nobody): the writer drains it,
 * then looks again after {@value #IDLE_MILLIS} ms, so records reach the log within that much of their request.
 */
final class IdentityContextLog {

    static final String CATEGORY = "nhi.identity-context";
    private static final Logger RECORDS = Logger.getLogger(CATEGORY);
    private static final Logger LOG = Logger.getLogger(IdentityContextLog.class);
    static final long IDLE_MILLIS = 20;
    private static final int RELEASE_EVERY = 64;

    private final Queue<IdentityContextRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    /** The writer thread's one buffer: every record is written into it, then copied once into the log's text. */
    private final StringBuilder buffer = new StringBuilder(4096);
    private volatile boolean running = true;

    IdentityContextLog(int capacity) {
        this.capacity = capacity;
        this.writer = new Thread(this::writeUntilStopped, "nhi-identity-context");
        writer.setDaemon(true);
        writer.start();
    }

    /** Never blocks. */
    void offer(IdentityContextRecord record) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(record);
    }

    long dropped() {
        return dropped.get();
    }

    private void writeUntilStopped() {
        int written = 0;
        while (running || !queue.isEmpty()) {
            IdentityContextRecord record = queue.poll();
            if (record == null || written == RELEASE_EVERY) {
                // the count the producers bound the queue by, lowered in steps: each step is a write to the line they share
                queued.addAndGet(-written);
                written = 0;
            }
            if (record == null) {
                if (running) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
                }
                continue;
            }
            written++;
            try {
                RECORDS.info(OcsfRecord.format(record, buffer));
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not write an identity-context record");
            }
        }
    }

    /** Writes what is queued, then stops. */
    void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
