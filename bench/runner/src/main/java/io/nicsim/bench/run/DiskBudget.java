package io.nicsim.bench.run;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.nic.traffic.MmppSource;
import io.nicsim.nic.traffic.OnOffSource;
import io.nicsim.nic.traffic.TrafficConfig;

/**
 * How many bytes a run writes, estimated from its scenario before it starts, and the free-space floor below which
 * {@link DiskWatch} cuts it short. Figures measured with {@code du} and {@code du --apparent-size} on runs' queues
 * (docs/disk.md): a descriptor takes {@value #DESCRIPTOR_BYTES} bytes of journal, an interrupt
 * {@value #INTERRUPT_BYTES}, a doorbell {@value #DOORBELL_BYTES} (it is journaled twice: rung and executed), a host
 * stamp (--export-packets) {@value #HOST_STAMP_BYTES}; a packet raises at most one interrupt and one doorbell, so a
 * packet writes at most {@value #JOURNAL_BYTES_PER_PACKET} bytes (measured: 69 to 117). Chronicle's files are sparse
 * (only the pages touched take space, on tmpfs as on ext4; a file's length is whole 64 MiB chunks and a 16 MiB
 * overlap), and a staged journal moved from {@code /dev/shm} into the run folder stays sparse ({@link SparseFiles}),
 * so a kept journal takes what it took while written.
 */
public final class DiskBudget {

    /** A lone descriptor's record (72 bytes) and Chronicle's 4-byte header; a burst takes less per descriptor. */
    static final long DESCRIPTOR_BYTES = 76;
    static final long INTERRUPT_BYTES = 48;
    static final long DOORBELL_BYTES = 80;
    static final long HOST_STAMP_BYTES = 48;
    /** Journal bytes a packet writes at most: its descriptor, one interrupt and one doorbell. */
    public static final long JOURNAL_BYTES_PER_PACKET = DESCRIPTOR_BYTES + INTERRUPT_BYTES + DOORBELL_BYTES;
    /** packets.csv bytes per generated packet (measured 136, before the writtenBack column added a stamp of 20). */
    public static final long PACKETS_CSV_BYTES_PER_PACKET = 160;
    /**
     * Pages a queue file takes besides its records: its header, metadata file and index arrays (8192 entries of 8
     * bytes each, a new one every 524,288 records), bounded.
     */
    static final long FILE_OVERHEAD_BYTES = 256L << 10;
    /** Room kept for summary.json, report.html, histogram files and scenario.yaml, written after a run. */
    public static final long RESERVE_BYTES = 8_000_000L;
    /**
     * The fastest a virtual run (run.clock: virtual, run.journal: true) appends packets, a bound: the model runs
     * as fast as a core allows, about 2M packets/s measured; taken 5x over.
     */
    static final double VIRTUAL_PACKETS_PER_SECOND = 10_000_000;
    /** How many check intervals of writes the floor holds: a look may come late by one interval. */
    static final int INTERVALS_IN_FLOOR = 2;

    private DiskBudget() {
    }

    /**
     * @return the highest rate the traffic offers packets at: on-off's rate within a burst, mmpp's faster state; for
     *         traces and UDP the scenario's {@code traffic.ratePerSecond} (neither is read before the run)
     */
    public static double peakRatePerSecond(TrafficConfig traffic) {
        return switch (traffic.kind()) {
            case MmppSource.KIND -> Math.max(traffic.ratePerSecond(), traffic.mmppRate2PerSecond());
            default -> traffic.ratePerSecond();
        };
    }

    /** @return packets one run (one round) of this scenario generates at most: its mean rate over warm-up + duration */
    public static long packets(Scenario scenario) {
        TrafficConfig traffic = scenario.traffic();
        double rate = traffic.ratePerSecond();
        if (OnOffSource.KIND.equals(traffic.kind()) && traffic.burstNanos() + traffic.idleNanos() > 0) {
            rate = rate * traffic.burstNanos() / (traffic.burstNanos() + traffic.idleNanos());
        } else if (MmppSource.KIND.equals(traffic.kind())) {
            rate = peakRatePerSecond(traffic);
        }
        return (long) Math.ceil(rate * (scenario.run().warmupNanos() + scenario.run().durationNanos()) / 1e9);
    }

    /** @return whether a run of this scenario writes a Chronicle journal (paced runs always, virtual ones if asked) */
    public static boolean writesJournal(Scenario scenario) {
        return !scenario.run().virtual() || scenario.run().keepsJournal(false);
    }

    /** @return the queue files a run writes: descriptors per RX queue, interrupts, doorbells twice, host stamps */
    static int queueFiles(Scenario scenario, boolean exportPackets) {
        return scenario.nic().queues() + 3 + (exportPackets ? 1 : 0);
    }

    /** @return journal bytes a packet takes at most: its records, and its host stamp with {@code --export-packets} */
    public static long bytesPerPacket(boolean exportPackets) {
        return JOURNAL_BYTES_PER_PACKET + (exportPackets ? HOST_STAMP_BYTES : 0);
    }

    /** @return bytes one run's journal takes while written (sparse files: the pages touched); 0 without a journal */
    public static long liveJournalBytes(Scenario scenario, boolean exportPackets) {
        if (!writesJournal(scenario)) {
            return 0;
        }
        return packets(scenario) * bytesPerPacket(exportPackets)
                + queueFiles(scenario, exportPackets) * FILE_OVERHEAD_BYTES;
    }

    /**
     * @return bytes one run's journal takes in the run folder once the run ended: its pages, whether written there
     *         or staged in {@code /dev/shm} and moved (sparse: {@link SparseFiles})
     */
    public static long keptJournalBytes(Scenario scenario, boolean exportPackets) {
        return liveJournalBytes(scenario, exportPackets);
    }

    /** @return bytes of one run's files besides its journal: packets.csv (with --export-packets), histograms */
    public static long filesBytes(Scenario scenario, boolean exportPackets) {
        return (exportPackets ? packets(scenario) * PACKETS_CSV_BYTES_PER_PACKET : 0) + 200_000;
    }

    /**
     * The free space below which a run of this scenario is cut short: what it writes between two looks of the watch
     * at its highest rate (two intervals, as a look may come late), the pages Chronicle touches beyond the records
     * (headers and index arrays), and the reserve for the files written after the run. Chronicle maps 64 MiB
     * chunks, but only the pages it touches take space, so a chunk is not reserved whole.
     *
     * @param journalHere whether this filesystem holds the live journal (else only the reserve)
     */
    public static long floorBytes(Scenario scenario, boolean exportPackets, boolean journalHere) {
        if (!journalHere || !writesJournal(scenario)) {
            return RESERVE_BYTES;
        }
        double rate = scenario.run().virtual() ? VIRTUAL_PACKETS_PER_SECOND : peakRatePerSecond(scenario.traffic());
        double intervalSeconds = INTERVALS_IN_FLOOR * DiskWatch.CHECK_EVERY_NANOS / 1e9;
        long written = (long) Math.ceil(rate * intervalSeconds * bytesPerPacket(exportPackets));
        return written + queueFiles(scenario, exportPackets) * FILE_OVERHEAD_BYTES + RESERVE_BYTES;
    }
}
