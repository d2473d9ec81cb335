package io.nicsim.nic.record;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DeviceStatusQueue;
import io.nicsim.nic.queue.DeviceStatusReader;
import io.nicsim.nic.queue.DeviceStatusWriter;
import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.queue.DoorbellWriter;
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
import java.util.Arrays;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the two-process records on real Chronicle queues: device-status records round-trip field by field, stamped
 * and numbered by the writer, in the documented little-endian layout; readers refuse another version, another type,
 * a wrong length and an unknown kind; the control doorbells (attach, done) round-trip and still refuse unknown kinds.
 */
class DeviceStatusRecordTest {

    @TempDir
    Path dir;

    private static DeviceStatusRecord status(int kind, long base) {
        DeviceStatusRecord status = new DeviceStatusRecord();
        status.kind = kind;
        status.flags = DeviceStatusRecord.FLAG_STOPPED_EARLY | DeviceStatusRecord.FLAG_HOST_DONE;
        status.trafficStartNanos = base + 1;
        status.trafficEndNanos = base + 2;
        status.generated = base + 3;
        status.injected = base + 4;
        status.descriptorsWritten = base + 5;
        status.interruptsRaised = base + 6;
        status.doorbellsRead = base + 7;
        status.stoppedOnWire = base + 8;
        status.stoppedInMac = base + 9;
        status.hostAttaches = base + 10;
        status.ringFullDrops = base + 11;
        status.diskFreeBytes = base + 12;
        status.diskFloorBytes = base + 13;
        return status;
    }

    @Test
    void deviceStatusRoundTripsFieldByFieldInOrderStampedAndNumbered() {
        ManualNanoClock clock = new ManualNanoClock(5_000);
        try (DeviceStatusQueue queue = DeviceStatusQueue.open(dir)) {
            try (DeviceStatusWriter writer = queue.newWriter(clock)) {
                assertThat(writer.write(status(DeviceStatusRecord.START, 100))).isEqualTo(5_000);
                clock.setNanos(6_000);
                DeviceStatusRecord extremes = status(DeviceStatusRecord.END, Long.MAX_VALUE - 20);
                extremes.trafficEndNanos = DeviceStatusRecord.UNKNOWN;
                extremes.flags = -1;
                writer.write(extremes);
            }
            try (DeviceStatusReader reader = queue.newReader()) {
                DeviceStatusRecord s = reader.poll();
                assertThat(s.kind).isEqualTo(DeviceStatusRecord.START);
                assertThat(s.sequence).isZero();
                assertThat(s.writtenNanos).as("stamped by the writer").isEqualTo(5_000);
                assertThat(s.has(DeviceStatusRecord.FLAG_STOPPED_EARLY)).isTrue();
                assertThat(s.has(DeviceStatusRecord.FLAG_DEVICE_FAILED)).isFalse();
                assertThat(s.has(DeviceStatusRecord.FLAG_HOST_DONE)).isTrue();
                assertThat(new long[] {s.trafficStartNanos, s.trafficEndNanos, s.generated, s.injected,
                        s.descriptorsWritten, s.interruptsRaised, s.doorbellsRead, s.stoppedOnWire, s.stoppedInMac,
                        s.hostAttaches, s.ringFullDrops, s.diskFreeBytes, s.diskFloorBytes}).containsExactly(101, 102,
                                103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113);
                DeviceStatusRecord kept = new DeviceStatusRecord().copyFrom(s);

                s = reader.poll();
                assertThat(s.kind).isEqualTo(DeviceStatusRecord.END);
                assertThat(s.sequence).isEqualTo(1);
                assertThat(s.writtenNanos).isEqualTo(6_000);
                assertThat(s.flags).isEqualTo(-1);
                assertThat(s.trafficEndNanos).isEqualTo(DeviceStatusRecord.UNKNOWN);
                assertThat(s.hostAttaches).isEqualTo(Long.MAX_VALUE - 10);
                assertThat(reader.poll()).isNull();
                assertThat(kept.toString()).as("a copy outlives the flyweight").contains("kind=start", "generated=103");
            }
        }
    }

    @Test
    void onDiskLayoutIsTheDocumentedLittleEndianOne() {
        try (DeviceStatusQueue queue = DeviceStatusQueue.open(dir);
             DeviceStatusWriter writer = queue.newWriter(new ManualNanoClock(0x0102030405060708L))) {
            writer.write(status(DeviceStatusRecord.TRAFFIC_END, 0));
        }
        byte[] raw = readRaw(DeviceStatusQueue.NAME);
        assertThat(raw).hasSize(RecordFormat.DEVICE_STATUS_BYTES).hasSize(132);
        assertThat(raw[0]).as("type").isEqualTo(RecordFormat.TYPE_DEVICE_STATUS).isEqualTo((byte) 4);
        assertThat(raw[1]).as("version").isEqualTo(RecordFormat.VERSION);
        assertThat(Arrays.copyOfRange(raw, 4, 12)).as("kind i32, flags i32").containsExactly(3, 0, 0, 0, 5, 0, 0, 0);
        assertThat(Arrays.copyOfRange(raw, 12, 20)).as("sequence i64").containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(raw, 20, 28)).as("writtenNanos i64").containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(new byte[] {raw[28], raw[36], raw[44], raw[52], raw[60], raw[68], raw[76], raw[84], raw[92],
                raw[100], raw[108], raw[116], raw[124]}) .as("trafficStart, trafficEnd, generated, injected, written,"
                        + " raised, doorbells, wire, mac, attaches, ring-full, disk free, disk floor")
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    }

    @Test
    void aVersionThreeStatusRecordWithoutTheDiskFieldsIsRefusedNamingBothVersions() {
        writeRaw(DeviceStatusQueue.NAME, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DEVICE_STATUS);
            bytes.writeByte((byte) 3);
            bytes.writeShort((short) 0);
            bytes.write(new byte[4 + 4 + 8 * 13]); // version 3's layout: no disk fields
        });

        try (DeviceStatusQueue queue = DeviceStatusQueue.open(dir); DeviceStatusReader reader = queue.newReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessage("record format version 3, this nicsim reads version " + RecordFormat.VERSION);
        }
    }

    @Test
    void anotherVersionAnotherTypeAWrongLengthAndAnUnknownKindAreRefused() {
        writeRaw(DeviceStatusQueue.NAME, bytes -> {
            bytes.writeByte(RecordFormat.TYPE_DEVICE_STATUS);
            bytes.writeByte((byte) 9);
            bytes.writeShort((short) 0);
            bytes.write(new byte[RecordFormat.DEVICE_STATUS_BYTES - RecordFormat.HEADER_BYTES]);
        });
        writeRaw(DeviceStatusQueue.NAME, bytes -> DoorbellRecord.write(bytes, 0, 0, DoorbellRecord.ATTACH, -1, 0));
        writeRaw(DeviceStatusQueue.NAME, bytes -> {
            status(DeviceStatusRecord.HEARTBEAT, 0).writeTo(bytes);
            bytes.writeByte((byte) 0);
        });
        writeRaw(DeviceStatusQueue.NAME, bytes -> status(7, 0).writeTo(bytes));

        try (DeviceStatusQueue queue = DeviceStatusQueue.open(dir); DeviceStatusReader reader = queue.newReader()) {
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("version 9");
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining("expected a device-status record").hasMessageContaining("doorbell");
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class)
                    .hasMessageContaining((RecordFormat.DEVICE_STATUS_BYTES + 1) + " bytes");
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class).hasMessageContaining("kind 7");
        }
    }

    @Test
    void controlDoorbellsRoundTripAndUnknownKindsAreStillRefused() {
        ManualNanoClock clock = new ManualNanoClock(42);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DoorbellWriter writer = queues.newDoorbellWriter(clock)) {
                writer.ring(0, DoorbellRecord.ATTACH, -1);
                writer.ring(0, DoorbellRecord.REARM, 7);
                writer.ring(0, DoorbellRecord.DONE, 99);
            }
            try (DoorbellReader reader = queues.newDoorbellReader()) {
                DoorbellRecord d = reader.poll();
                assertThat(d.kind).isEqualTo(DoorbellRecord.ATTACH);
                assertThat(DoorbellRecord.isControl(d.kind)).isTrue();
                assertThat(d.toString()).contains("kind=attach");
                d = reader.poll();
                assertThat(DoorbellRecord.isControl(d.kind)).isFalse();
                d = reader.poll();
                assertThat(d.kind).isEqualTo(DoorbellRecord.DONE);
                assertThat(d.consumedPacketId).isEqualTo(99);
                assertThat(d.sequence).isEqualTo(2);
                assertThat(DoorbellRecord.kindName(d.kind)).isEqualTo("done");
            }
        }
        writeRaw(DeviceQueues.DOORBELLS, bytes -> DoorbellRecord.write(bytes, 0, 3, 5, -1, 0));
        try (DeviceQueues queues = DeviceQueues.open(dir); DoorbellReader reader = queues.newDoorbellReader()) {
            reader.poll();
            reader.poll();
            reader.poll();
            assertThatThrownBy(reader::poll).isInstanceOf(RecordFormatException.class).hasMessageContaining("kind 5");
        }
    }

    private void writeRaw(String queueName, Consumer<Bytes<?>> body) {
        try (ChronicleQueue queue = open(queueName); ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                body.accept(dc.wire().bytes());
            }
        }
    }

    private byte[] readRaw(String queueName) {
        try (ChronicleQueue queue = open(queueName); ExcerptTailer tailer = queue.createTailer()) {
            return RawDocuments.next(tailer);
        }
    }

    private ChronicleQueue open(String queueName) {
        return SingleChronicleQueueBuilder.binary(dir.resolve(queueName)).rollCycle(LargeRollCycles.LARGE_DAILY)
                .build();
    }
}
