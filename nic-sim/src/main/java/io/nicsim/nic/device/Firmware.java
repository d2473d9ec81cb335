package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptWriter;
import io.nicsim.nic.wire.MacFifo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The NIC firmware's receive loop for one RX queue: polls the MAC on its cadence ({@code pollIntervalNanos},
 * 0 = on every turn), DMAs a descriptor per packet into the descriptor queue, and lets its
 * {@link NotificationPolicy} decide when to raise an interrupt into the interrupt queue.
 * One thread (the device's); nothing allocated per packet.
 */
public final class Firmware {

    private final int queue;
    private final MacFifo mac;
    private final NotificationPolicy policy;
    private final long pollIntervalNanos;
    private final NanoClock clock;

    private DescriptorWriter descriptors;
    private InterruptWriter interrupts;
    private long nextPollNanos = Long.MIN_VALUE;
    private long nextInterruptSequence;
    private long firstUnnotifiedPacketId = -1;
    private long lastWrittenPacketId = -1;
    private long writtenCount;
    private long interruptCount;

    private final AtomicLong writtenPublished = new AtomicLong();
    private final AtomicLong interruptsPublished = new AtomicLong();

    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NanoClock clock) {
        if (pollIntervalNanos < 0) {
            throw new IllegalArgumentException("pollIntervalNanos must be >= 0, got " + pollIntervalNanos);
        }
        this.queue = queue;
        this.mac = mac;
        this.policy = policy;
        this.pollIntervalNanos = pollIntervalNanos;
        this.clock = clock;
    }

    /** Opens the writers; call on the thread that will run {@link #doWork(long)}. */
    public void open(DeviceQueues queues) {
        descriptors = queues.newDescriptorWriter(clock);
        interrupts = queues.newInterruptWriter();
    }

    /**
     * One firmware turn: poll the MAC if its cadence says so, then check the moderation timers.
     *
     * @return the number of descriptors written plus interrupts raised (0 when idle)
     */
    public int doWork(long nowNanos) {
        int work = 0;
        if (nowNanos >= nextPollNanos) {
            nextPollNanos = nextPollNanos + pollIntervalNanos > nowNanos ? nextPollNanos + pollIntervalNanos
                    : nowNanos + pollIntervalNanos;
            work += pollMac(nowNanos);
        }
        if (policy.onTimer(clock.nanoTime())) {
            raise();
            work++;
        }
        return work;
    }

    private int pollMac(long detectedNanos) {
        int count = 0;
        while (!mac.isEmpty()) {
            long packetId = mac.headPacketId();
            long writtenNanos = descriptors.write(queue, packetId, mac.headFlow(), mac.headFrameBytes(),
                    mac.headIntendedNanos(), mac.headInjectedNanos(), detectedNanos);
            mac.pop();
            count++;
            writtenCount++;
            if (firstUnnotifiedPacketId < 0) {
                firstUnnotifiedPacketId = packetId;
            }
            lastWrittenPacketId = packetId;
            if (policy.onCompletion(writtenNanos)) {
                raise();
                count++;
            }
        }
        if (count > 0) {
            writtenPublished.lazySet(writtenCount);
        }
        return count;
    }

    private void raise() {
        long raisedNanos = clock.nanoTime();
        interrupts.write(queue, nextInterruptSequence++, firstUnnotifiedPacketId, lastWrittenPacketId, raisedNanos);
        policy.onRaised(raisedNanos);
        firstUnnotifiedPacketId = -1;
        interruptsPublished.lazySet(++interruptCount);
    }

    /** @return descriptors written so far (any thread) */
    public long descriptorsWritten() {
        return writtenPublished.get();
    }

    /** @return interrupts raised so far (any thread) */
    public long interruptsRaised() {
        return interruptsPublished.get();
    }

    /** @return the policy this firmware runs */
    public NotificationPolicy policy() {
        return policy;
    }

    /** Closes the writers; call on the device thread. */
    public void close() {
        if (descriptors != null) {
            descriptors.close();
        }
        if (interrupts != null) {
            interrupts.close();
        }
    }
}
