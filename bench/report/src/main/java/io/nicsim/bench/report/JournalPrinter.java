package io.nicsim.bench.report;

import io.nicsim.nic.queue.ChronicleQueues;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.record.InterruptRecord;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints a run's Chronicle journal (descriptors, interrupts, doorbells) as readable text, merged into one
 * timeline: a descriptor at its {@code written} stamp, an interrupt at {@code raised}, a doorbell when the host
 * wrote it. Times are microseconds since packet 0's intended arrival. The queues are opened read-only.
 */
public final class JournalPrinter {

    public static final String DESCRIPTORS = "descriptors";
    public static final String INTERRUPTS = "interrupts";
    public static final String DOORBELLS = "doorbells";
    public static final List<String> KINDS = List.of(DESCRIPTORS, INTERRUPTS, DOORBELLS);

    /**
     * What to print.
     *
     * @param queue      only this RX queue (interrupt vector), or null for all
     * @param kinds      which records
     * @param fromNanos  from this time (relative to the origin), inclusive
     * @param toNanos    up to this time, inclusive
     * @param limit      at most this many records (0: no limit)
     */
    public record Filter(Integer queue, Set<String> kinds, long fromNanos, long toNanos, long limit) {
    }

    private JournalPrinter() {
    }

    /** One queue's records in order, with the current one read ahead. */
    private abstract static class Stream implements AutoCloseable {
        final ChronicleQueue chronicle;
        final ExcerptTailer tailer;
        boolean present;
        long timeNanos;
        int queue;
        long count;

        Stream(Path dir) {
            chronicle = isQueue(dir) ? ChronicleQueues.openReadOnly(dir) : null;
            tailer = chronicle == null ? null : chronicle.createTailer();
        }

        void advance() {
            present = false;
            if (tailer == null) {
                return;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent()) {
                    read(dc);
                    present = true;
                    count++;
                }
            }
        }

        abstract void read(DocumentContext dc);

        abstract String describe(long originNanos);

        @Override
        public void close() {
            if (tailer != null) {
                tailer.close();
                chronicle.close();
            }
        }
    }

    /** Every descriptor, one by one, whether the device wrote it back alone or in a burst. */
    private static final class Descriptors extends Stream {
        final DescriptorReader reader = tailer == null ? null : new DescriptorReader(tailer);
        DescriptorRecord record = new DescriptorRecord();

        Descriptors(Path dir) {
            super(dir);
        }

        @Override
        void advance() {
            DescriptorRecord next = reader == null ? null : reader.poll();
            present = next != null;
            if (present) {
                record = next;
                timeNanos = record.writtenNanos;
                queue = record.queue;
                count++;
            }
        }

        @Override
        void read(DocumentContext dc) {
            throw new UnsupportedOperationException("descriptors are read through a DescriptorReader");
        }

        @Override
        String describe(long o) {
            return String.format(Locale.ROOT, "descriptor  q%d  packet %-8d flow %d  %d B  intended %s  injected %s"
                            + "  detected %s  written %s  written back %s", record.queue, record.packetId,
                    record.flow, record.frameBytes, t(record.intendedNanos, o), t(record.injectedNanos, o),
                    t(record.detectedNanos, o), t(record.writtenNanos, o), t(record.writtenBackNanos, o));
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close(); // closes the tailer
                chronicle.close();
            }
        }
    }

    private static final class Interrupts extends Stream {
        final InterruptRecord record = new InterruptRecord();

        Interrupts(Path dir) {
            super(dir);
        }

        @Override
        void read(DocumentContext dc) {
            record.readFrom(dc.wire().bytes());
            timeNanos = record.raisedNanos;
            queue = record.vector;
        }

        @Override
        String describe(long o) {
            return String.format(Locale.ROOT, "interrupt   q%d  #%-9d packets %d..%d (%d)  raised %s", record.vector,
                    record.sequence, record.firstPacketId, record.lastPacketId,
                    record.lastPacketId - record.firstPacketId + 1, t(record.raisedNanos, o));
        }
    }

    private static final class Doorbells extends Stream {
        final DoorbellRecord record = new DoorbellRecord();

        Doorbells(Path dir) {
            super(dir);
        }

        @Override
        void read(DocumentContext dc) {
            record.readFrom(dc.wire().bytes());
            timeNanos = record.writtenNanos;
            queue = record.queue;
        }

        @Override
        String describe(long o) {
            return record.kind == DoorbellRecord.REFILL
                    ? String.format(Locale.ROOT, "doorbell    q%d  #%-9d refill, host returned %d ring slots in all",
                    record.queue, record.sequence, record.consumedPacketId)
                    : String.format(Locale.ROOT, "doorbell    q%d  #%-9d %s, host consumed up to packet %d",
                            record.queue,
                    record.sequence, DoorbellRecord.kindName(record.kind), record.consumedPacketId);
        }
    }

    private static String t(long nanos, long originNanos) {
        return String.format(Locale.ROOT, "%.3f", (nanos - originNanos) / 1000.0);
    }

    /** Chronicle's metadata file, present in every queue folder Chronicle wrote. */
    private static final String QUEUE_METADATA = "metadata.cq4t";

    private static boolean isQueue(Path dir) {
        return Files.isRegularFile(dir.resolve(QUEUE_METADATA));
    }

    /** @return whether {@code dir} holds a device journal (descriptor and interrupt queues Chronicle wrote) */
    public static boolean isJournal(Path dir) {
        return isQueue(dir.resolve(DeviceQueues.DESCRIPTORS)) && isQueue(dir.resolve(DeviceQueues.INTERRUPTS));
    }

    /**
     * Prints the journal under {@code queueDir}.
     *
     * @return the number of records printed
     * @throws io.nicsim.nic.record.RecordFormatException if a queue holds a record this build cannot read
     */
    public static long print(Path queueDir, Filter filter, PrintWriter out) {
        try (Descriptors descriptors = new Descriptors(queueDir.resolve(DeviceQueues.DESCRIPTORS));
             Interrupts interrupts = new Interrupts(queueDir.resolve(DeviceQueues.INTERRUPTS));
             Doorbells doorbells = new Doorbells(queueDir.resolve(DeviceQueues.DOORBELLS))) {
            List<Stream> streams = new ArrayList<>();
            if (filter.kinds().contains(DESCRIPTORS)) {
                streams.add(descriptors);
            }
            if (filter.kinds().contains(INTERRUPTS)) {
                streams.add(interrupts);
            }
            if (filter.kinds().contains(DOORBELLS)) {
                streams.add(doorbells);
            }
            descriptors.advance();
            long origin = descriptors.present ? descriptors.record.intendedNanos : Long.MIN_VALUE;
            for (Stream stream : streams) {
                if (stream != descriptors) {
                    stream.advance();
                }
                if (origin == Long.MIN_VALUE && stream.present) {
                    origin = stream.timeNanos;
                }
            }
            if (!streams.contains(descriptors)) {
                descriptors.present = false;
            }
            if (origin == Long.MIN_VALUE) {
                out.println("(the journal is empty)");
                return 0;
            }
            out.printf(Locale.ROOT, "t = microseconds since packet 0's intended arrival (nanoTime %d)%n", origin);
            out.printf(Locale.ROOT, "%12s  %s%n", "t us", "record (stamps in t us)");
            long printed = 0;
            while (filter.limit() == 0 || printed < filter.limit()) {
                Stream next = null;
                for (Stream stream : streams) {
                    if (stream.present && (next == null || stream.timeNanos < next.timeNanos)) {
                        next = stream;
                    }
                }
                if (next == null) {
                    break;
                }
                long at = next.timeNanos - origin;
                if (at > filter.toNanos()) {
                    next.present = false; // this queue is past the window; the others may not be
                    continue;
                }
                if (at >= filter.fromNanos() && (filter.queue() == null || filter.queue() == next.queue)) {
                    out.printf(Locale.ROOT, "%12.3f  %s%n", at / 1000.0, next.describe(origin));
                    printed++;
                }
                next.advance();
            }
            boolean more = streams.stream().anyMatch(s -> s.present);
            if (more) {
                out.printf(Locale.ROOT, "... more records follow (--limit %d reached; use --limit, --from, --to)%n",
                        filter.limit());
            }
            out.flush();
            return printed;
        }
    }
}
