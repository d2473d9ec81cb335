package io.nicsim.host.measure;

import io.nicsim.nic.queue.ChronicleQueues;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link PacketStampSink} that appends each handled packet's host stamps to a Chronicle queue beside the
 * device's queues ({@value #FOLDER}), so a per-packet export can join them with the descriptors after the run.
 * Only used when the export is on; costs one Chronicle append (no allocation, no lock) per packet on the
 * consumer's thread, which is itself a small part of what the run measures: the figures of an exporting run
 * include it.
 *
 * <p>The appender is created when the journal opens and released from that thread, so the consumer's thread
 * takes it over on the first packet (Chronicle binds an appender to the one thread that uses it);
 * {@link #close()} runs after the consumer stopped and takes it back.
 */
public final class HostStampJournal implements PacketStampSink, AutoCloseable {

    /** Sub-folder of a run's queue folder. */
    public static final String FOLDER = "host-stamps";

    private final int queue;
    private final ChronicleQueue chronicle;
    private final ExcerptAppender appender;

    private HostStampJournal(int queue, ChronicleQueue chronicle) {
        this.queue = queue;
        this.chronicle = chronicle;
        this.appender = chronicle.createAppender();
        appender.singleThreadedCheckReset(); // the consumer's thread becomes its owner on first use
    }

    /** Opens (creating) the journal under {@code queueDir}. */
    public static HostStampJournal open(Path queueDir, int queue) {
        return new HostStampJournal(queue, build(queueDir.resolve(FOLDER), false));
    }

    private static ChronicleQueue build(Path path, boolean readOnly) {
        return readOnly ? ChronicleQueues.openReadOnly(path) : ChronicleQueues.open(path);
    }

    @Override
    public void stamp(long packetId, long wokenNanos, long handledNanos, long raisedNanos, long deliveredNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            HostStampRecord.write(dc.wire().bytes(), queue, packetId, wokenNanos, handledNanos, raisedNanos,
                    deliveredNanos);
        }
    }

    /** Closes the appender (from whichever thread: the consumer's has ended) and the queue. */
    @Override
    public void close() {
        appender.singleThreadedCheckReset();
        appender.close();
        chronicle.close();
    }

    /** Reads a journal back in order, read-only; for the thread that calls it. */
    public static final class Reader implements AutoCloseable {

        private final ChronicleQueue chronicle;
        private final ExcerptTailer tailer;
        private final HostStampRecord record = new HostStampRecord();

        private Reader(ChronicleQueue chronicle) {
            this.chronicle = chronicle;
            this.tailer = chronicle.createTailer();
        }

        /** @return the next record (a flyweight, valid until the next call), or null at the end */
        public HostStampRecord poll() {
            try (DocumentContext dc = tailer.readingDocument()) {
                return dc.isPresent() ? record.readFrom(dc.wire().bytes()) : null;
            }
        }

        @Override
        public void close() {
            tailer.close();
            chronicle.close();
        }
    }

    /** @return a reader of the journal under {@code queueDir}, or null if the run kept none */
    public static Reader reader(Path queueDir) {
        Path path = queueDir.resolve(FOLDER);
        return Files.isDirectory(path) ? new Reader(build(path, true)) : null;
    }
}
