package io.nicsim.nic.queue;

import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's hot path allocates nothing once warm (compiled): a descriptor appended and read back, alone or in
 * write-back bursts, and an interrupt raised and read back. Counted with the JVM's per-thread allocation counter, a
 * semantic check and not a timing. It is JMH's {@code -prof gc} figure without JMH's per-iteration queue opening,
 * which the benchmark's bytes per operation include (a constant ~160 KB an iteration here, whatever its length).
 */
class RecordAppendAllocatesNothingTest {

    private static final int OPERATIONS = 50_000;
    private static final int ROUNDS = 40;
    /** A round may allocate this much: less than one object per thousand operations. */
    private static final long MOST_BYTES = 256;

    @Test
    void aDescriptorAppendedAndReadBackAllocatesNothing(@TempDir Path dir) {
        assertThat(descriptorBytes(dir, 1)).isLessThan(MOST_BYTES);
    }

    @Test
    void descriptorsInWriteBackBurstsAllocateNothing(@TempDir Path dir) {
        assertThat(descriptorBytes(dir, 16)).isLessThan(MOST_BYTES);
    }

    /** @return what a warm round of appending write-back bursts of {@code burst} and reading them back allocated */
    private static long descriptorBytes(Path dir, int burst) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter writer = queues.newDescriptorWriter(System::nanoTime);
             DescriptorReader reader = queues.newDescriptorReader()) {
            long[] id = {0};
            return allocatedBytes(() -> {
                for (int i = 0; i < burst; i++) {
                    long packet = id[0]++;
                    writer.add(0, packet, 0, 64, 0, packet, packet, packet, packet);
                }
                writer.writeBack(id[0]);
                long sum = 0;
                DescriptorRecord record;
                while ((record = reader.poll()) != null) {
                    sum += record.packetId;
                }
                return sum;
            });
        }
    }

    @Test
    void anInterruptRaisedAndReadBackAllocatesNothing(@TempDir Path dir) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             InterruptWriter writer = queues.newInterruptWriter(System::nanoTime);
             InterruptReader reader = queues.newInterruptReader()) {
            long[] id = {0};
            assertThat(allocatedBytes(() -> {
                long sequence = id[0]++;
                writer.raise(0, sequence, sequence, sequence, sequence);
                InterruptRecord record = reader.poll();
                return record == null ? -1 : record.sequence;
            })).isLessThan(MOST_BYTES);
        }
    }

    /**
     * Runs rounds of {@value #OPERATIONS} operations until one allocates (next to) nothing, at most {@value #ROUNDS}:
     * a per-operation allocation shows in every round, JIT warm-up only in the first ones.
     *
     * @return the bytes the last round allocated
     */
    private static long allocatedBytes(java.util.function.LongSupplier operation) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < ROUNDS && allocated >= MOST_BYTES; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < OPERATIONS; i++) {
                sink += operation.getAsLong();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(sink).as("the operations ran").isNotZero();
        return allocated;
    }
}
