package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * The device's side of a write-back burst: descriptors are encoded one by one into native memory as their DMA
 * completes, then sealed into one record (a lone descriptor when the burst holds one, else a descriptor-burst;
 * {@link RecordFormat}) that a writer appends with one copy. One thread; nothing allocated per descriptor or burst.
 */
public final class BurstEncoder implements AutoCloseable {

    private final BytesStore<?, Void> store =
            BytesStore.nativeStoreWithFixedCapacity(RecordFormat.burstBytes(RecordFormat.MAX_BURST_DESCRIPTORS));
    private final long address = store.addressForWrite(0);
    private int count;
    private int queue;
    private int appendedOffset;

    /**
     * Adds one descriptor to the open burst.
     *
     * @throws IllegalStateException if the burst holds {@link RecordFormat#MAX_BURST_DESCRIPTORS} already
     */
    public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                    long injectedNanos, long detectedNanos, long writtenNanos) {
        if (count == RecordFormat.MAX_BURST_DESCRIPTORS) {
            throw new IllegalStateException("a write-back burst holds at most " + RecordFormat.MAX_BURST_DESCRIPTORS
                    + " descriptors");
        }
        if (count == 0) {
            this.queue = queue;
        }
        DescriptorRecord.encodeEntry(address + RecordFormat.entryOffset(count), packetId, flow, frameBytes,
                trafficClass, intendedNanos, injectedNanos, detectedNanos, writtenNanos);
        count++;
    }

    /** @return descriptors in the open burst */
    public int count() {
        return count;
    }

    /**
     * Seals the open burst, written back at model time {@code writtenBackNanos}: header and stamps; the appended
     * stamp follows with {@link #stampAppended}.
     *
     * @return the record's bytes at {@link #address()}, 0 if the burst is empty
     */
    public int seal(long writtenBackNanos) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        if (count == 0) {
            return 0;
        }
        if (count == 1) {
            RecordHeader.encode(address, RecordFormat.TYPE_DESCRIPTOR, queue);
            int stamps = RecordFormat.entryOffset(1);
            memory.writeLong(address + stamps, writtenBackNanos);
            appendedOffset = stamps + Long.BYTES;
            return RecordFormat.DESCRIPTOR_BYTES;
        }
        RecordHeader.encode(address, RecordFormat.TYPE_DESCRIPTOR_BURST, queue);
        int trailer = RecordFormat.entryOffset(count);
        memory.writeInt(address + trailer, count);
        memory.writeLong(address + trailer + Integer.BYTES, writtenBackNanos);
        appendedOffset = trailer + Integer.BYTES + Long.BYTES;
        return RecordFormat.burstBytes(count);
    }

    /** Stamps when the sealed record was appended: call last, just before it is published. */
    public void stampAppended(long appendedNanos) {
        UnsafeMemory.MEMORY.writeLong(address + appendedOffset, appendedNanos);
    }

    /** @return the native address of the sealed record */
    public long address() {
        return address;
    }

    /** Empties the burst after its record was appended. */
    public void clear() {
        count = 0;
    }

    @Override
    public void close() {
        store.releaseLast();
    }
}
