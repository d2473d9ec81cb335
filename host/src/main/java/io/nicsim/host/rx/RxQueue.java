package io.nicsim.host.rx;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.handler.Handling;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.DoorbellRecord;

/**
 * The driver's view of one RX queue, on the consumer's thread: polls descriptors (at most a budget), runs the
 * handler and stamps each packet, and rings the doorbell to re-arm or disarm the queue's interrupt. One per
 * consumer thread (reader and writer are bound to it); no allocation per packet.
 *
 * <p>A packet's {@code woken} stamp is the wake-up that let the consumer see it; a packet that became visible
 * after that wake-up, while the consumer was already running, is stamped when it was read. A packet counts as
 * notified by an interrupt if the consumer woke for it and a delivered interrupt covered it before that;
 * otherwise it was found by polling (always, for a consumer that never sleeps).
 */
public final class RxQueue implements AutoCloseable {

    /** Pass as {@code wokenNanos} when the consumer never sleeps: every packet is stamped when read. */
    public static final long NOT_WOKEN = Long.MIN_VALUE;

    private final int queue;
    private final DescriptorReader reader;
    private final DoorbellWriter doorbell;
    private final InterruptLog interrupts;
    private final PacketDelivery delivery;
    private final RxCounters counters;
    private final NanoClock clock;
    private final int refillEvery;
    private long lastConsumedPacketId = -1;
    private long consumed;
    private long consumedAtLastRefill;

    /** A queue whose packets are handled on the polling thread by {@code handling}. */
    public RxQueue(int queue, DescriptorReader reader, DoorbellWriter doorbell, InterruptLog interrupts,
                   Handling handling, NanoClock clock) {
        this(queue, reader, doorbell, interrupts, new InlineDelivery(handling), new RxCounters(), clock,
                RingReturn.NONE);
    }

    /**
     * @param delivery    where each packet read goes
     * @param counters    counts the packets read
     * @param ring        how ring slots go back to the device
     */
    public RxQueue(int queue, DescriptorReader reader, DoorbellWriter doorbell, InterruptLog interrupts,
                   PacketDelivery delivery, RxCounters counters, NanoClock clock, RingReturn ring) {
        this.queue = queue;
        this.reader = reader;
        this.doorbell = doorbell;
        this.interrupts = interrupts;
        this.delivery = delivery;
        this.counters = counters;
        this.clock = clock;
        this.refillEvery = ring.every();
        this.consumed = ring.consumedBefore();
        this.consumedAtLastRefill = ring.consumedBefore();
    }

    /**
     * Handles up to {@code budget} visible descriptors.
     *
     * @param wokenNanos when the consumer woke for this poll, or {@link #NOT_WOKEN}
     * @return the number of packets handled
     */
    public int poll(int budget, long wokenNanos) {
        int count = 0;
        DescriptorRecord descriptor;
        while (count < budget && (descriptor = reader.poll()) != null) {
            long readNanos = clock.nanoTime();
            // the packet was visible when the consumer woke if the device had actually appended it by then
            long packetWokenNanos = descriptor.appendedNanos <= wokenNanos ? wokenNanos : readNanos;
            long packetId = descriptor.packetId;
            while (interrupts.hasEntry() && interrupts.headLastPacketId() < packetId) {
                interrupts.advance();
            }
            // hasEntry() again: an interrupt may have arrived since the loop; it must cover this very packet. A
            // consumer that never sleeps (NOT_WOKEN) finds every packet by polling, whatever interrupts exist.
            boolean notified = wokenNanos != NOT_WOKEN && interrupts.hasEntry()
                    && interrupts.headFirstPacketId() <= packetId
                    && interrupts.headLastPacketId() >= packetId && interrupts.headDeliveredNanos() <= packetWokenNanos;
            long raisedNanos = notified ? interrupts.headRaisedNanos() : packetWokenNanos;
            long deliveredNanos = notified ? interrupts.headDeliveredNanos() : packetWokenNanos;
            delivery.deliver(descriptor, packetWokenNanos, raisedNanos, deliveredNanos);
            lastConsumedPacketId = packetId;
            count++;
        }
        if (count > 0) {
            counters.addRead(count);
            consumed += count;
            if (refillEvery > 0 && consumed - consumedAtLastRefill >= refillEvery) {
                // the driver refilled the buffers it consumed and writes the tail register once for all of them
                doorbell.ring(queue, DoorbellRecord.REFILL, consumed);
                consumedAtLastRefill = consumed;
            }
        }
        return count;
    }

    /** Unmasks the queue's interrupt, telling the device which packets the host has consumed. */
    public void rearm() {
        doorbell.ring(queue, DoorbellRecord.REARM, lastConsumedPacketId);
    }

    /** Masks the queue's interrupt. */
    public void disarm() {
        doorbell.ring(queue, DoorbellRecord.DISARM, lastConsumedPacketId);
    }

    @Override
    public void close() {
        reader.close();
        doorbell.close();
    }
}
