package io.nicsim.bench.report;

import io.nicsim.bench.results.PacketFate;
import io.nicsim.host.measure.HostStampJournal;
import io.nicsim.host.measure.HostStampRecord;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * packets.csv ({@code --export-packets}): one row per generated packet, joined after the run from what the run
 * journaled anyway, off the hot path: the traffic schedule (replayed from its seed: id, flow, bytes, intended),
 * the descriptor queue (injected, detected, written, and writtenBack: when its write-back burst became visible to the
 * host) and the host-stamp queue the recorder kept while exporting
 * (raised, delivered, woken, handled). Stamps are {@code System.nanoTime()} values, the clock of the journal;
 * a cell is empty where the stage does not apply: a dropped packet has none past where it was lost, a packet no
 * interrupt notified (found by polling) has no raised or delivered. The last column says what became of it:
 * {@value #DELIVERED} or the drop reason of summary.json. A live source (udp) cannot be replayed: a packet lost
 * before its descriptor was written has its id and outcome only.
 */
public final class PacketsCsv {

    public static final List<String> COLUMNS = List.of("id", "queue", "flow", "bytes", "intended", "injected",
            "detected", "written", "writtenBack", "raised", "delivered", "woken", "handled", "outcome");
    public static final String DELIVERED = PacketFate.DELIVERED;

    private PacketsCsv() {
    }

    /**
     * @param queueDir          the run's (closed) queues, with the host-stamp journal
     * @param scheduleNanos     the schedule length the run's wire had
     * @param trafficStartNanos time zero of that schedule
     * @param generated         packets generated (rows written)
     * @param injected          packets the wire injected (the first {@code injected} ids)
     */
    public static void write(Path csv, Path queueDir, TrafficConfig traffic, long scheduleNanos, long trafficStartNanos,
                             long generated, long injected) throws IOException {
        TrafficSource schedule = TrafficSources.isReplayable(traffic.kind())
                ? TrafficSources.create(traffic, scheduleNanos) : null;
        Path temporary = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DescriptorReader descriptors = queues.newDescriptorReader();
             HostStampJournal.Reader hostStamps = HostStampJournal.reader(queueDir);
             Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII), 1 << 16)) {
            if (hostStamps == null) {
                throw new IOException(queueDir + ": no " + HostStampJournal.FOLDER + " journal to export packets from");
            }
            out.write(String.join(",", COLUMNS));
            out.write('\n');
            StringBuilder row = new StringBuilder(256);
            DescriptorRecord descriptor = descriptors.poll();
            HostStampRecord host = hostStamps.poll();
            for (long id = 0; id < generated; id++) {
                if (schedule != null && !schedule.next()) {
                    throw new IllegalStateException("the schedule holds fewer packets than the " + generated
                            + " generated");
                }
                boolean written = descriptor != null && descriptor.packetId == id;
                boolean journaled = host != null && host.packetId == id;
                boolean failed = journaled && host.failed();
                boolean handled = journaled && !failed;
                row.setLength(0);
                row.append(id).append(',').append(written ? descriptor.queue : 0).append(',');
                if (written) {
                    row.append(descriptor.flow).append(',').append(descriptor.frameBytes).append(',')
                            .append(descriptor.intendedNanos).append(',');
                } else if (schedule != null) {
                    row.append(schedule.flow()).append(',').append(schedule.frameBytes()).append(',')
                            .append(trafficStartNanos + schedule.offsetNanos()).append(',');
                } else {
                    row.append(",,,");
                }
                if (written) {
                    row.append(descriptor.injectedNanos).append(',').append(descriptor.detectedNanos).append(',')
                            .append(descriptor.writtenNanos).append(',').append(descriptor.writtenBackNanos)
                            .append(',');
                } else {
                    row.append(",,,,");
                }
                if (handled && host.notified()) {
                    row.append(host.raisedNanos).append(',').append(host.deliveredNanos).append(',');
                } else {
                    row.append(",,");
                }
                if (handled) {
                    row.append(host.wokenNanos).append(',').append(host.handledNanos).append(',');
                } else {
                    row.append(",,");
                }
                row.append(failed ? io.nicsim.bench.results.DropReason.HANDLER_ERROR.key()
                        : PacketFate.of(handled, written, id < injected, descriptor != null));
                row.append('\n');
                out.append(row);
                if (written) {
                    descriptor = descriptors.poll();
                }
                if (journaled) {
                    host = hostStamps.poll();
                }
            }
        }
        Files.move(temporary, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Joins a run's rounds' packets.csv files into one, each row prefixed by its round (from 1): packet numbers start
     * again at 0 every round.
     *
     * @param rounds the rounds' files, in the order played
     */
    public static void joinRounds(Path csv, java.util.List<Path> rounds) throws IOException {
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(csv)) {
            out.write("round," + String.join(",", COLUMNS));
            out.write('\n');
            for (int r = 0; r < rounds.size(); r++) {
                try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(rounds.get(r))) {
                    for (String line : (Iterable<String>) lines.skip(1)::iterator) {
                        out.write((r + 1) + "," + line);
                        out.write('\n');
                    }
                }
            }
        }
    }
}
