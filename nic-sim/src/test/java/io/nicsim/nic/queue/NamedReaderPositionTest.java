package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Named readers resume where the last reader of their name stopped, across openings of the queues (as across
 * processes), anonymous readers still read from the start, and {@link NamedReaderPosition} tells how many
 * descriptors earlier named readers consumed without moving them: none, some, or all written so far.
 */
class NamedReaderPositionTest {

    @TempDir
    Path dir;

    private void write(long fromId, long toId) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter writer = queues.newDescriptorWriter(new ManualNanoClock(1))) {
            for (long id = fromId; id < toId; id++) {
                writer.write(0, id, 0, 64, 0, 0, 0, 0, 0);
            }
        }
    }

    private long read(int count) {
        long last = -1;
        try (DeviceQueues queues = DeviceQueues.openWithNamedReaders(dir, "host");
             DescriptorReader reader = queues.newDescriptorReader()) {
            for (int i = 0; i < count; i++) {
                last = reader.poll().packetId;
            }
        }
        return last;
    }

    private long consumed() {
        try (DeviceQueues queues = DeviceQueues.openWithNamedReaders(dir, "host")) {
            return NamedReaderPosition.descriptorsConsumed(queues);
        }
    }

    @Test
    void namedReadersResumeAndThePositionCountsWhatEarlierOnesConsumed() {
        assertThat(consumed()).as("empty queue").isZero();
        write(0, 10);
        assertThat(consumed()).as("nothing read yet").isZero();

        assertThat(read(3)).isEqualTo(2);
        assertThat(consumed()).isEqualTo(3);
        assertThat(consumed()).as("looking does not move the reader").isEqualTo(3);
        assertThat(read(1)).as("a new reader of the name resumes").isEqualTo(3);

        assertThat(read(6)).isEqualTo(9);
        assertThat(consumed()).as("all written so far").isEqualTo(10);
        write(10, 12);
        assertThat(consumed()).isEqualTo(10);
        assertThat(read(1)).isEqualTo(10);

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader anonymous = queues.newDescriptorReader()) {
            assertThat(anonymous.poll().packetId).as("anonymous readers start at the start").isZero();
            assertThatIllegalArgumentException().isThrownBy(() -> NamedReaderPosition.descriptorsConsumed(queues));
        }
    }

    @Test
    void aBurstCountsWholeOnceAReaderCopiedIt() {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter writer = queues.newDescriptorWriter(new ManualNanoClock(1))) {
            for (long id = 0; id < 4; id++) {
                writer.add(0, id, 0, 64, 0, 0, 0, 0, 0);
            }
            writer.writeBack(5);
            writer.write(0, 4, 0, 64, 0, 0, 0, 0, 0);
        }
        assertThat(consumed()).isZero();
        assertThat(read(1)).isZero();
        assertThat(consumed()).as("the reader took the burst's document: its process had all four").isEqualTo(4);
        assertThat(read(1)).as("the next reader resumes after the burst").isEqualTo(4);
        assertThat(consumed()).isEqualTo(5);
    }

    @Test
    void interruptReadersAreNamedToo() {
        try (DeviceQueues queues = DeviceQueues.open(dir); InterruptWriter writer = queues.newInterruptWriter(
                new ManualNanoClock(1))) {
            for (int i = 0; i < 4; i++) {
                writer.raise(0, i, i, i, i);
            }
        }
        try (DeviceQueues queues = DeviceQueues.openWithNamedReaders(dir, "host");
             InterruptReader reader = queues.newInterruptReader()) {
            assertThat(reader.poll().sequence).isZero();
            assertThat(reader.poll().sequence).isEqualTo(1);
        }
        try (DeviceQueues queues = DeviceQueues.openWithNamedReaders(dir, "host");
             InterruptReader reader = queues.newInterruptReader()) {
            assertThat(reader.poll().sequence).isEqualTo(2);
        }
    }
}
