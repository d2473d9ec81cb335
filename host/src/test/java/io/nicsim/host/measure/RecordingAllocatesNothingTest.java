package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's per-packet recording allocates nothing once warm (compiled), over-time intervals and the
 * host-stamp journal included. Counted with the JVM's per-thread allocation counter: a semantic check, not a
 * timing. Before the JIT has compiled the path, Chronicle's append allocates a little (escape analysis removes it).
 */
class RecordingAllocatesNothingTest {

    private static final int PACKETS = 100_000;
    private static final int ROUNDS = 30;

    @Test
    void recordingWithIntervalsAllocatesNothing() {
        assertThat(allocatedBytes(new LatencyRecorder(1, 2, PacketStampSink.NONE))).isLessThan(256);
    }

    @Test
    void theManyWritersRecorderAllocatesNothingEither() {
        assertThat(allocatedBytes(new LatencyRecorder(1, 2, PacketStampSink.NONE, true))).isLessThan(256);
    }

    @Test
    void withTheHostStampJournalToo(@TempDir Path dir) {
        try (HostStampJournal journal = HostStampJournal.open(dir, 0)) {
            assertThat(allocatedBytes(new LatencyRecorder(1, 2, journal))).isLessThan(256);
        }
    }

    /**
     * Records rounds of {@value #PACKETS} packets until one allocates (next to) nothing, at most {@value #ROUNDS}: a
     * per-packet allocation shows in every round, JIT warm-up only in the first ones.
     *
     * @return the bytes the last round allocated
     */
    private static long allocatedBytes(LatencyRecorder recorder) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        recorder.measureFrom(LatencyRecorder.INTERVAL_NANOS);
        DescriptorRecord d = new DescriptorRecord();
        long id = 0;
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && allocated >= 256; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PACKETS; i++, id++) {
                record(recorder, d, id);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return allocated;
    }

    private static void record(LatencyRecorder recorder, DescriptorRecord d, long id) {
        d.packetId = id;
        d.intendedNanos = id * 20_000L;
        d.injectedNanos = d.intendedNanos + 100;
        d.detectedNanos = d.injectedNanos + 50;
        d.writtenNanos = d.detectedNanos + 200;
        d.writtenBackNanos = d.writtenNanos;
        d.trafficClass = (int) (id & 1);
        long woken = d.writtenNanos + 5_000;
        recorder.record(d, woken, woken + 300, d.writtenNanos + 100, d.writtenNanos + 400);
    }
}
