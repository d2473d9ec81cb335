package io.nicsim.nic.device;

import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.port.DescriptorSink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One RX queue as the device sees it: its descriptor ring of {@code ringSlots} descriptors (0 = unlimited), its
 * notification policy (each queue has its own interrupt vector and moderation state) and the interrupt bookkeeping
 * of its packets. A packet takes a slot when the firmware detects it and gives it back when the host returns it
 * with a refill doorbell; with no free slot the packet is dropped as {@code ring-full} (a NIC's rx_missed / no
 * buffer counter). Device thread only, apart from the published counters.
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

    long firstUnnotifiedPacketId = -1;
    long lastWrittenPacketId = -1;
    long nextInterruptSequence;
    /** Slots taken since the start: packets detected into this ring (DMA in flight or written). */
    private long taken;
    /** Slots the host has returned since the start (refill doorbells). */
    private long returned;
    private long written;
    private long interrupts;
    private long ringFull;
    final AtomicLong writtenPublished = new AtomicLong();
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

    void wrote(long packetId) {
        writtenPublished.lazySet(++written);
        if (firstUnnotifiedPacketId < 0) {
            firstUnnotifiedPacketId = packetId;
        }
        lastWrittenPacketId = packetId;
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
