package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The device's one-copy encoding of a write-back burst ({@link BurstEncoder}) must be the very bytes of the documented
 * field-by-field layout (a lone descriptor for a burst of one, a descriptor-burst record otherwise), and the host's
 * decoder ({@link BurstDecoder}) must read every descriptor back with its burst's stamps.
 */
class DescriptorEncodeTest {

    @Test
    void aBurstOfOneIsALoneDescriptorInTheFieldByFieldLayoutByteForByte() {
        Bytes<?> written = Bytes.allocateElasticDirect(RecordFormat.DESCRIPTOR_BYTES);
        Bytes<?> copy = Bytes.allocateElasticDirect(RecordFormat.DESCRIPTOR_BYTES);
        try (BurstEncoder encoder = new BurstEncoder(); BurstDecoder decoder = new BurstDecoder()) {
            encoder.add(3, 0x0102030405060708L, -7, 1518, 1, 11L, -12L, Long.MAX_VALUE, 13L);
            int length = encoder.seal(17L);
            encoder.stampAppended(Long.MIN_VALUE);
            copy.unsafeWrite(encoder.address(), length);
            RecordHeader.write(written, RecordFormat.TYPE_DESCRIPTOR, 3);
            writeEntry(written, 0x0102030405060708L, -7, 1518, 1, 11L, -12L, Long.MAX_VALUE, 13L);
            written.writeLong(17L);
            written.writeLong(Long.MIN_VALUE);

            assertThat(length).isEqualTo(RecordFormat.DESCRIPTOR_BYTES).isEqualTo(72);
            assertSameBytes(copy, written);
            assertThat(decoder.readFrom(copy)).isOne();
            DescriptorRecord record = decoder.next(new DescriptorRecord());
            assertThat(record.queue).isEqualTo(3);
            assertThat(record.packetId).isEqualTo(0x0102030405060708L);
            assertThat(record.flow).isEqualTo(-7);
            assertThat(record.frameBytes).isEqualTo(1518);
            assertThat(record.trafficClass).isOne();
            assertThat(record.intendedNanos).isEqualTo(11L);
            assertThat(record.injectedNanos).isEqualTo(-12L);
            assertThat(record.detectedNanos).isEqualTo(Long.MAX_VALUE);
            assertThat(record.writtenNanos).isEqualTo(13L);
            assertThat(record.writtenBackNanos).isEqualTo(17L);
            assertThat(record.appendedNanos).isEqualTo(Long.MIN_VALUE);
            assertThat(decoder.hasNext()).isFalse();
        } finally {
            written.releaseLast();
            copy.releaseLast();
        }
    }

    @Test
    void aBurstIsItsEntriesThenCountAndStampsAndEveryDescriptorReadsBackWithThem() {
        int count = 5;
        Bytes<?> written = Bytes.allocateElasticDirect(RecordFormat.burstBytes(count));
        Bytes<?> copy = Bytes.allocateElasticDirect(RecordFormat.burstBytes(count));
        try (BurstEncoder encoder = new BurstEncoder(); BurstDecoder decoder = new BurstDecoder()) {
            RecordHeader.write(written, RecordFormat.TYPE_DESCRIPTOR_BURST, 65_535);
            for (int i = 0; i < count; i++) {
                encoder.add(65_535, 100 + i, i, 64 + i, i & 1, 1_000 + i, 2_000 + i, 3_000 + i, 4_000 + i);
                writeEntry(written, 100 + i, i, 64 + i, i & 1, 1_000 + i, 2_000 + i, 3_000 + i, 4_000 + i);
            }
            written.writeInt(count);
            written.writeLong(5_000);
            written.writeLong(6_000);
            int length = encoder.seal(5_000);
            encoder.stampAppended(6_000);
            copy.unsafeWrite(encoder.address(), length);

            assertThat(length).isEqualTo(RecordFormat.burstBytes(count)).isEqualTo(4 + 5 * 52 + 20);
            assertSameBytes(copy, written);
            assertThat(decoder.readFrom(copy)).isEqualTo(count);
            DescriptorRecord record = new DescriptorRecord();
            for (int i = 0; i < count; i++) {
                assertThat(decoder.remaining()).isEqualTo(count - i);
                decoder.next(record);
                assertThat(record.queue).isEqualTo(65_535);
                assertThat(record.packetId).isEqualTo(100 + i);
                assertThat(record.flow).isEqualTo(i);
                assertThat(record.frameBytes).isEqualTo(64 + i);
                assertThat(record.trafficClass).isEqualTo(i & 1);
                assertThat(record.intendedNanos).isEqualTo(1_000 + i);
                assertThat(record.injectedNanos).isEqualTo(2_000 + i);
                assertThat(record.detectedNanos).isEqualTo(3_000 + i);
                assertThat(record.writtenNanos).isEqualTo(4_000 + i);
                assertThat(record.writtenBackNanos).as("the burst's").isEqualTo(5_000);
                assertThat(record.appendedNanos).as("the burst's").isEqualTo(6_000);
            }
            assertThat(decoder.hasNext()).isFalse();
            assertThatIllegalStateException().isThrownBy(() -> decoder.next(record));
        } finally {
            written.releaseLast();
            copy.releaseLast();
        }
    }

    @Test
    void anEncoderStartsAfreshAfterClearAndHoldsAtMostTheLargestBurst() {
        try (BurstEncoder encoder = new BurstEncoder()) {
            assertThat(encoder.seal(1)).as("an empty burst is no record").isZero();
            for (int i = 0; i < RecordFormat.MAX_BURST_DESCRIPTORS; i++) {
                encoder.add(0, i, 0, 64, 0, i, i, i, i);
            }
            assertThatIllegalStateException().isThrownBy(() -> encoder.add(0, 0, 0, 64, 0, 0, 0, 0, 0))
                    .withMessageContaining("at most 256");
            assertThat(encoder.seal(9)).isEqualTo(RecordFormat.burstBytes(RecordFormat.MAX_BURST_DESCRIPTORS));
            encoder.clear();
            assertThat(encoder.count()).isZero();
            encoder.add(0, 7, 0, 64, 0, 0, 0, 0, 0);
            assertThat(encoder.seal(9)).isEqualTo(RecordFormat.DESCRIPTOR_BYTES);
        }
    }

    private static void writeEntry(Bytes<?> bytes, long packetId, int flow, int frameBytes, int trafficClass,
                                   long intendedNanos, long injectedNanos, long detectedNanos, long writtenNanos) {
        bytes.writeLong(packetId);
        bytes.writeInt(flow);
        bytes.writeInt(frameBytes);
        bytes.writeInt(trafficClass);
        bytes.writeLong(intendedNanos);
        bytes.writeLong(injectedNanos);
        bytes.writeLong(detectedNanos);
        bytes.writeLong(writtenNanos);
    }

    private static void assertSameBytes(Bytes<?> actual, Bytes<?> expected) {
        assertThat(actual.readRemaining()).isEqualTo(expected.readRemaining());
        for (int i = 0; i < expected.readRemaining(); i++) {
            assertThat(actual.readByte(i)).as("byte %d", i).isEqualTo(expected.readByte(i));
        }
    }
}
