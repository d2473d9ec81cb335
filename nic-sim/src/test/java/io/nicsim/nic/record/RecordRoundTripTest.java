package io.nicsim.nic.record;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.queue.InterruptWriter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the record formats on real Chronicle queues: descriptors and interrupts round-trip field by field in
 * order, the layout is the documented little-endian one, and readers refuse another version, another type, and
 * records of the wrong length with a {@link RecordFormatException} that says why.
 */
class RecordRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void descriptorsRoundTripFieldByFieldInOrder() {
        ManualNanoClock clock = new ManualNanoClock(5_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock)) {
                writer.write(0, 0, 3, 64, 1, 1_000, 2_000, 3_000, 4_000);
                clock.setNanos(6_000);
                writer.write(65_535, Long.MAX_VALUE, Integer.MAX_VALUE, 9_000, 0, Long.MIN_VALUE, -1, Long.MAX_VALUE,
                        Long.MIN_VALUE);
                clock.setNanos(7_000);
                writer.write(12, 41, 0, 1, 0, -3, -2, -1, 0);
            }
            try (DescriptorReader reader = queues.newDescriptorReader()) {
                DescriptorRecord d = reader.poll();
                assertThat(d).isNotNull();
                assertThat(d.queue).isZero();
                assertThat(d.packetId).isZero();
                assertThat(d.flow).isEqualTo(3);
                assertThat(d.frameBytes).isEqualTo(64);
                assertThat(d.trafficClass).isEqualTo(1);
                assertThat(d.intendedNanos).isEqualTo(1_000);
                assertThat(d.injectedNanos).isEqualTo(2_000);
                assertThat(d.detectedNanos).isEqualTo(3_000);
                assertThat(d.writtenNanos).as("the model's DMA completion").isEqualTo(4_000);
                assertThat(d.writtenBackNanos).as("a burst of one: written back at once").isEqualTo(4_000);
                assertThat(d.appendedNanos).as("appended stamp from the clock").isEqualTo(5_000);

                d = reader.poll();
                assertThat(d.queue).as("queue is a u16").isEqualTo(65_535);
                assertThat(d.packetId).isEqualTo(Long.MAX_VALUE);
                assertThat(d.flow).isEqualTo(Integer.MAX_VALUE);
                assertThat(d.frameBytes).isEqualTo(9_000);
                assertThat(d.trafficClass).as("overwritten by the next read").isZero();
                assertThat(d.intendedNanos).isEqualTo(Long.MIN_VALUE);
                assertThat(d.injectedNanos).isEqualTo(-1);
                assertThat(d.detectedNanos).isEqualTo(Long.MAX_VALUE);
                assertThat(d.writtenNanos).isEqualTo(Long.MIN_VALUE);
                assertThat(d.appendedNanos).isEqualTo(6_000);

                d = reader.poll();
                assertThat(d.queue).isEqualTo(12);
                assertThat(d.packetId).isEqualTo(41);
                assertThat(d.flow).isZero();
                assertThat(d.frameBytes).isEqualTo(1);
                assertThat(d.intendedNanos).isEqualTo(-3);
                assertThat(d.injectedNanos).isEqualTo(-2);
                assertThat(d.detectedNanos).isEqualTo(-1);
                assertThat(d.writtenNanos).isZero();
                assertThat(d.appendedNanos).isEqualTo(7_000);
                assertThat(d.toString()).contains("packetId=41", "writtenNanos=0", "appendedNanos=7000");

                assertThat(reader.poll()).as("nothing more").isNull();
            }
        }
    }

    @Test
    void interruptsRoundTripFieldByFieldInOrder() {
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (InterruptWriter writer = queues.newInterruptWriter(new ManualNanoClock(900))) {
                writer.raise(0, 0, 0, 7, 123_456_789);
                writer.raise(3, 1, 8, 8, -5);
                writer.raise(65_535, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            }
            try (InterruptReader reader = queues.newInterruptReader()) {
                InterruptRecord i = reader.poll();
                assertThat(i).isNotNull();
                assertThat(i.vector).isZero();
                assertThat(i.sequence).isZero();
                assertThat(i.firstPacketId).isZero();
                assertThat(i.lastPacketId).isEqualTo(7);
                assertThat(i.raisedNanos).isEqualTo(123_456_789);
                assertThat(i.appendedNanos).as("appended stamp from the clock").isEqualTo(900);

                i = reader.poll();
                assertThat(i.vector).isEqualTo(3);
                assertThat(i.sequence).isEqualTo(1);
                assertThat(i.firstPacketId).isEqualTo(8);
                assertThat(i.lastPacketId).isEqualTo(8);
                assertThat(i.raisedNanos).isEqualTo(-5);

                i = reader.poll();
                assertThat(i.vector).isEqualTo(65_535);
                assertThat(i.sequence).isEqualTo(Long.MAX_VALUE);
                assertThat(i.firstPacketId).isEqualTo(Long.MIN_VALUE);
                assertThat(i.lastPacketId).isEqualTo(Long.MAX_VALUE);
                assertThat(i.raisedNanos).isEqualTo(Long.MAX_VALUE);
                assertThat(i.toString()).contains("packets=" + Long.MIN_VALUE + ".." + Long.MAX_VALUE);

                assertThat(reader.poll()).isNull();
            }
        }
    }

    @Test
    void emptyQueuesPollNull() {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorReader descriptors = queues.newDescriptorReader();
             InterruptReader interrupts = queues.newInterruptReader()) {
            assertThat(descriptors.poll()).isNull();
            assertThat(interrupts.poll()).isNull();
        }
    }

    @Test
    void readersSeeRecordsWrittenAfterTheyPolledEmpty() {
        ManualNanoClock clock = new ManualNanoClock(1);
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorReader reader = queues.newDescriptorReader();
             DescriptorWriter writer = queues.newDescriptorWriter(clock)) {
            assertThat(reader.poll()).isNull();
            writer.write(0, 99, 0, 64, 0, 0, 0, 0, 0);
            assertThat(reader.poll().packetId).isEqualTo(99);
            assertThat(reader.poll()).isNull();
        }
    }

    @Test
    void onDiskLayoutIsTheDocumentedLittleEndianOne() {
        ManualNanoClock clock = new ManualNanoClock(0x1122334455667788L);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock)) {
                writer.write(0x0102, 0x0807060504030201L, 0x0C0B0A09, 0x100F0E0D, 0x14131211, 1, 2, 3, 4);
            }
            try (InterruptWriter writer = queues.newInterruptWriter(new ManualNanoClock(13))) {
                writer.raise(0x0304, 9, 10, 11, 12);
            }
        }
        byte[] descriptor = readRaw(DeviceQueues.DESCRIPTORS);
        assertThat(descriptor).hasSize(RecordFormat.DESCRIPTOR_BYTES).hasSize(72);
        assertThat(descriptor[0]).as("type").isEqualTo(RecordFormat.TYPE_DESCRIPTOR);
        assertThat(descriptor[1]).as("version").isEqualTo(RecordFormat.VERSION).isEqualTo((byte) 5);
        assertThat(new byte[] {descriptor[2], descriptor[3]}).as("queue u16 LE").containsExactly(0x02, 0x01);
        assertThat(java.util.Arrays.copyOfRange(descriptor, 4, 20)).as("packetId i64, flow i32, frameBytes i32")
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(java.util.Arrays.copyOfRange(descriptor, 20, 24)).as("trafficClass i32")
                .containsExactly(0x11, 0x12, 0x13, 0x14);
        assertThat(java.util.Arrays.copyOfRange(descriptor, 48, 56)).as("writtenNanos (model)")
                .containsExactly(4, 0, 0, 0, 0, 0, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(descriptor, 56, 64)).as("writtenBackNanos: written back at once")
                .containsExactly(4, 0, 0, 0, 0, 0, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(descriptor, 64, 72)).as("appendedNanos last")
                .containsExactly(0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);

        byte[] interrupt = readRaw(DeviceQueues.INTERRUPTS);
        assertThat(interrupt).hasSize(RecordFormat.INTERRUPT_BYTES).hasSize(44);
        assertThat(interrupt[0]).isEqualTo(RecordFormat.TYPE_INTERRUPT);
        assertThat(interrupt[1]).isEqualTo(RecordFormat.VERSION);
        assertThat(new byte[] {interrupt[2], interrupt[3], interrupt[4], interrupt[12], interrupt[20], interrupt[28],
                interrupt[36]})
                .as("vector, then sequence, first, last, raised, appended as i64")
                .containsExactly(0x04, 0x03, 9, 10, 11, 12, 13);
    }

    @Test
    void descriptorOfAnotherFormatVersionIsRefusedNamingTheVersion() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DESCRIPTOR);
            bytes.writeByte((byte) 9);
            bytes.writeShort((short) 0);
            bytes.write(new byte[RecordFormat.DESCRIPTOR_BYTES - RecordFormat.HEADER_BYTES]);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("version 9").hasMessageContaining("version " + RecordFormat.VERSION);
        }
    }

    @Test
    void aBurstIsOneDocumentWhoseDescriptorsAreHandedOutOneByOneAcrossPolls() {
        ManualNanoClock clock = new ManualNanoClock(9_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock)) {
                for (int i = 0; i < 16; i++) {
                    writer.add(0, i, i % 3, 64, 0, 100 * i, 100 * i + 1, 100 * i + 2, 100 * i + 3);
                }
                writer.writeBack(2_000);
                writer.add(0, 16, 0, 64, 0, 1, 2, 3, 4);
                writer.writeBack(2_500);
                writer.writeBack(2_600); // nothing added: no record
            }
            try (DescriptorReader reader = queues.newDescriptorReader()) {
                for (int i = 0; i < 16; i++) {
                    DescriptorRecord d = reader.poll();
                    assertThat(d.packetId).isEqualTo(i);
                    assertThat(d.flow).isEqualTo(i % 3);
                    assertThat(d.writtenNanos).isEqualTo(100 * i + 3);
                    assertThat(d.writtenBackNanos).isEqualTo(2_000);
                    assertThat(d.appendedNanos).isEqualTo(9_000);
                    assertThat(reader.leftInBurst()).isEqualTo(15 - i);
                    assertThat(reader.documentsRead()).as("the burst is read once").isOne();
                }
                DescriptorRecord lone = reader.poll();
                assertThat(lone.packetId).isEqualTo(16);
                assertThat(lone.writtenBackNanos).isEqualTo(2_500);
                assertThat(reader.poll()).isNull();
                assertThat(reader.documentsRead()).isEqualTo(2);
            }
        }
        assertThat(readRaw(DeviceQueues.DESCRIPTORS, 0)).hasSize(RecordFormat.burstBytes(16));
        byte[] burst = readRaw(DeviceQueues.DESCRIPTORS, 0);
        assertThat(burst[0]).as("type").isEqualTo(RecordFormat.TYPE_DESCRIPTOR_BURST);
        assertThat(readRaw(DeviceQueues.DESCRIPTORS, 1)).hasSize(RecordFormat.DESCRIPTOR_BYTES);
    }

    @Test
    void aJournalOfTheLastFormatIsRefusedNamingBothVersions() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DESCRIPTOR);
            bytes.writeByte((byte) 4); // version 4: 64-byte descriptors without the written-back stamp
            bytes.writeShort((short) 0);
            bytes.write(new byte[64 - RecordFormat.HEADER_BYTES]);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessage("record format version 4, this nicsim reads version 5");
        }
    }

    @Test
    void aBurstWhoseCountDisagreesWithItsLengthIsRefused() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DESCRIPTOR_BURST);
            bytes.writeByte(RecordFormat.VERSION);
            bytes.writeShort((short) 0);
            bytes.write(new byte[3 * RecordFormat.ENTRY_BYTES]);
            bytes.writeInt(4); // three entries written
            bytes.writeLong(1);
            bytes.writeLong(2);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessage("descriptor-burst record of " + RecordFormat.burstBytes(3) + " bytes, expected "
                            + RecordFormat.burstBytes(4) + " for 4 descriptors");
        }
    }

    @Test
    void interruptOfAnotherFormatVersionIsRefusedNamingTheVersion() {
        writeRaw(DeviceQueues.INTERRUPTS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_INTERRUPT);
            bytes.writeByte((byte) 1); // the previous format version
            bytes.writeShort((short) 0);
            bytes.write(new byte[RecordFormat.INTERRUPT_BYTES - RecordFormat.HEADER_BYTES]);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); InterruptReader reader = queues.newInterruptReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("version 1");
        }
    }

    @Test
    void recordShorterThanTheHeaderIsRefused() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DESCRIPTOR);
            bytes.writeByte(RecordFormat.VERSION);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("2 bytes").hasMessageContaining("header");
        }
    }

    @Test
    void truncatedDescriptorIsRefusedNamingBothLengths() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DESCRIPTOR);
            bytes.writeByte(RecordFormat.VERSION);
            bytes.writeShort((short) 0);
            bytes.writeLong(1); // packetId, then nothing
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("12 bytes").hasMessageContaining("expected " + RecordFormat.DESCRIPTOR_BYTES);
        }
    }

    @Test
    void overlongInterruptIsRefused() {
        writeRaw(DeviceQueues.INTERRUPTS, bytes -> {
            InterruptRecord.write(bytes, 0, 1, 2, 3, 4, 5);
            bytes.writeByte((byte) 0);
        });

        try (DeviceQueues queues = DeviceQueues.open(dir); InterruptReader reader = queues.newInterruptReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining((RecordFormat.INTERRUPT_BYTES + 1) + " bytes");
        }
    }

    @Test
    void interruptInTheDescriptorQueueIsRefusedNamingBothTypes() {
        writeRaw(DeviceQueues.DESCRIPTORS, bytes -> InterruptRecord.write(bytes, 0, 1, 2, 3, 4, 5));

        try (DeviceQueues queues = DeviceQueues.open(dir); DescriptorReader reader = queues.newDescriptorReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("expected a descriptor record").hasMessageContaining("interrupt");
        }
    }

    /** Appends one raw document to a queue of {@link #dir}, opened as DeviceQueues opens it. */
    private void writeRaw(String queueName, Consumer<Bytes<?>> body) {
        try (ChronicleQueue queue = open(queueName); ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                body.accept(dc.wire().bytes());
            }
        }
    }

    /** @return the bytes of document {@code index} of a queue of {@link #dir} */
    private byte[] readRaw(String queueName, int index) {
        try (ChronicleQueue queue = open(queueName); ExcerptTailer tailer = queue.createTailer()) {
            for (int i = 0; i < index; i++) {
                RawDocuments.next(tailer);
            }
            return RawDocuments.next(tailer);
        }
    }

    /** @return the bytes of the only document in a queue of {@link #dir} */
    private byte[] readRaw(String queueName) {
        try (ChronicleQueue queue = open(queueName); ExcerptTailer tailer = queue.createTailer()) {
            byte[] bytes = RawDocuments.next(tailer);
            try (DocumentContext dc = tailer.readingDocument()) {
                assertThat(dc.isPresent()).as("one document only").isFalse();
            }
            return bytes;
        }
    }

    private ChronicleQueue open(String queueName) {
        return SingleChronicleQueueBuilder.binary(dir.resolve(queueName)).rollCycle(LargeRollCycles.LARGE_DAILY)
                .build();
    }
}
