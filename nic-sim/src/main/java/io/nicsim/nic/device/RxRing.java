package io.nicsim.nic.device;

import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.port.DescriptorSink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One RX queue as the device sees it: its descriptor ring of {@code ringSlots} descriptors (0 = unlimited), its
 * notification policy (each queue has its own interrupt vector and moderation state) and the interrupt bookkeeping
 * of its packets. A packet takes a slot when the firmware detects it and gives it back when the host returns it
 * with a refill doorbell; with no free slot the packet is dropped as {@code ring-full} (a NIC's rx_missed / no
 * buffer counter). Completed descriptors wait in the queue's write-back burst until it is written back
 * (docs/semantics.md#descriptor-write-back). Device thread only, apart from the published counters.
 */
final class RxRing {

    final int queue;
    final NotificationPolicy policy;
    private final long ringSlots;
    DescriptorSink descriptors;
    /** The model time up to which this ring's timer was checked and did not fire (no re-check at that time). */
    long timerCheckedNanos = Long.MIN_VALUE;
    /**
     * The policy's {@code nextTimerNanos()}, read again after every call into the policy (a policy's state changes
     * only in those calls), so the engine's search for its next event makes no call.
     */
    long timerNanos;

    /** Descriptors per write-back burst (1: each written back as its DMA completes); set before the first packet. */
    int writeBackDescriptors = 1;
    /** The write-back timer, from the burst's first descriptor; set before the first packet. */
    long writeBackNanos;
    /** Descriptors in the open write-back burst (DMA done, not yet visible to the host). */
    int burstCount;
    /** When the open burst's timer expires, or {@link Firmware#NO_EVENT} when no burst is open. */
    long writeBackDueNanos = Firmware.NO_EVENT;

    long firstUnnotifiedPacketId = -1;
    long lastWrittenPacketId = -1;
    long nextInterruptSequence;
    /** Slots taken since the start: packets detected into this ring (DMA in flight or written). */
    private long taken;
    /** Slots the host has returned since the start (refill doorbells). */
    private long returned;
    private long writtenBack;
    private long bursts;
    private long interrupts;
    private long ringFull;
    /** Descriptors written back (visible to the host). */
    final AtomicLong writtenPublished = new AtomicLong();
    /** Write-back bursts (documents) written. */
    final AtomicLong burstsPublished = new AtomicLong();
    final AtomicLong interruptsPublished = new AtomicLong();
    final AtomicLong ringFullPublished = new AtomicLong();

    RxRing(int queue, NotificationPolicy policy, int ringSlots) {
        if (ringSlots < 0) {
            throw new IllegalArgumentException("nic.ringSlots must be >= 0, got " + ringSlots);
        }
        this.queue = queue;
        this.policy = policy;
        this.ringSlots = ringSlots;
        this.timerNanos = policy.nextTimerNanos();
    }

    /** @return whether the packet got a slot; if not it is counted as dropped (ring-full) */
    boolean take() {
        if (ringSlots > 0 && taken - returned >= ringSlots) {
            ringFullPublished.lazySet(++ringFull);
            return false;
        }
        taken++;
        return true;
    }

    /** The host returned slots: {@code returnedTotal} since the start (refill doorbells carry the running total). */
    void refill(long returnedTotal) {
        returned = Math.max(returned, Math.min(returnedTotal, taken));
    }

    /** A descriptor's DMA completed: it joins the open burst. @return whether the burst is full */
    boolean wrote(long packetId, long writtenNanos) {
        if (burstCount++ == 0) {
            long due = writtenNanos + writeBackNanos;
            writeBackDueNanos = due < writtenNanos ? Firmware.NO_EVENT - 1 : due; // saturates, never "no burst"
        }
        if (firstUnnotifiedPacketId < 0) {
            firstUnnotifiedPacketId = packetId;
        }
        lastWrittenPacketId = packetId;
        return burstCount >= writeBackDescriptors;
    }

    /** The open burst was written back: its descriptors are visible to the host. */
    void wroteBack() {
        writtenBack += burstCount;
        burstCount = 0;
        writeBackDueNanos = Firmware.NO_EVENT;
        burstsPublished.lazySet(++bursts);
        writtenPublished.lazySet(writtenBack);
    }

    void raised() {
        firstUnnotifiedPacketId = -1;
        interruptsPublished.lazySet(++interrupts);
    }

    /** @return slots in use: detected and not yet returned by the host */
    long slotsInUse() {
        return taken - returned;
    }
}
