package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The descriptor writer's one-copy encoding must be the very bytes of the field-by-field layout, and read back
 * as the same record.
 */
class DescriptorEncodeTest {

    @Test
    void encodingEqualsTheFieldByFieldLayoutByteForByte() {
        BytesStore<?, Void> encoded = BytesStore.nativeStoreWithFixedCapacity(RecordFormat.DESCRIPTOR_BYTES);
        Bytes<?> written = Bytes.allocateElasticDirect(RecordFormat.DESCRIPTOR_BYTES);
        Bytes<?> copy = Bytes.allocateElasticDirect(RecordFormat.DESCRIPTOR_BYTES);
        try {
            long address = encoded.addressForWrite(0);
            DescriptorRecord.encodeHead(address, 3, 0x0102030405060708L, -7, 1518, 1, 11L, -12L, Long.MAX_VALUE, 13L);
            DescriptorRecord.encodeAppendedNanos(address, Long.MIN_VALUE);
            DescriptorRecord.writeHead(written, 3, 0x0102030405060708L, -7, 1518, 1, 11L, -12L, Long.MAX_VALUE, 13L);
            DescriptorRecord.writeAppendedNanos(written, Long.MIN_VALUE);
            copy.unsafeWrite(address, RecordFormat.DESCRIPTOR_BYTES);

            assertThat(copy.readRemaining()).isEqualTo(written.readRemaining())
                    .isEqualTo(RecordFormat.DESCRIPTOR_BYTES);
            for (int i = 0; i < RecordFormat.DESCRIPTOR_BYTES; i++) {
                assertThat(copy.readByte(i)).as("byte %d", i).isEqualTo(written.readByte(i));
            }
            DescriptorRecord record = new DescriptorRecord().readFrom(copy);
            assertThat(record.queue).isEqualTo(3);
            assertThat(record.packetId).isEqualTo(0x0102030405060708L);
            assertThat(record.flow).isEqualTo(-7);
            assertThat(record.frameBytes).isEqualTo(1518);
            assertThat(record.intendedNanos).isEqualTo(11L);
            assertThat(record.injectedNanos).isEqualTo(-12L);
            assertThat(record.detectedNanos).isEqualTo(Long.MAX_VALUE);
            assertThat(record.writtenNanos).isEqualTo(13L);
            assertThat(record.appendedNanos).isEqualTo(Long.MIN_VALUE);
        } finally {
            encoded.releaseLast();
            written.releaseLast();
            copy.releaseLast();
        }
    }
}
