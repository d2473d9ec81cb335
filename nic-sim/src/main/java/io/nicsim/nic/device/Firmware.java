package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptWriter;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.wire.MacFifo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The NIC firmware's receive loop for one RX queue: polls the MAC on its cadence ({@code pollIntervalNanos},
 * 0 = on every turn), DMAs a descriptor per packet into the descriptor queue, lets its
 * {@link NotificationPolicy} decide when to raise an interrupt into the interrupt queue, and reads the host's
 * doorbells (re-arm, disarm). One thread (the device's); nothing allocated per packet.
 */
public final class Firmware {

    private final int queue;
    private final MacFifo mac;
    private final NotificationPolicy policy;
    private final long pollIntervalNanos;
    private final NanoClock clock;
    private final TrafficClasses classes;

    private DescriptorWriter descriptors;
    private InterruptWriter interrupts;
    private DoorbellReader doorbells;
    private long nextPollNanos = Long.MIN_VALUE;
    private long nextInterruptSequence;
    private long firstUnnotifiedPacketId = -1;
    private long lastWrittenPacketId = -1;
    private long writtenCount;
    private long interruptCount;

    private final AtomicLong writtenPublished = new AtomicLong();
    private final AtomicLong interruptsPublished = new AtomicLong();
    private final AtomicLong doorbellsPublished = new AtomicLong();
    private long doorbellCount;
    private long idleTurns;
    /** Idle turns between two touches ahead of the descriptor queue, minus one (a power of two minus one). */
    private static final int TOUCH_EVERY_IDLE_TURNS_MASK = 15;

    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NanoClock clock) {
        this(queue, mac, policy, pollIntervalNanos, clock, TrafficClasses.NONE);
    }

    /** @param classes how the MAC reads each packet's priority mark into its descriptor */
    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NanoClock clock,
                    TrafficClasses classes) {
        if (pollIntervalNanos < 0) {
            throw new IllegalArgumentException("pollIntervalNanos must be >= 0, got " + pollIntervalNanos);
        }
        this.queue = queue;
        this.mac = mac;
        this.policy = policy;
        this.pollIntervalNanos = pollIntervalNanos;
        this.clock = clock;
        this.classes = classes;
    }

    /** Opens the writers; call on the thread that will run {@link #doWork(long)}. */
    public void open(DeviceQueues queues) {
        descriptors = queues.newDescriptorWriter(clock);
        interrupts = queues.newInterruptWriter();
        doorbells = queues.newDoorbellReader();
    }

    /**
     * One firmware turn: poll the MAC if its cadence says so, read the doorbells, then check the moderation
     * timers. The MAC comes first so that a packet's DMA never waits for the doorbell read (measured: about 25 ns
     * of a packet's way to the host); within one turn the order is immaterial, as a doorbell and an arrival in the
     * same turn are simultaneous for the device, and the missed-IRQ rule of a re-arm covers packets written
     * earlier in the turn.
     *
     * @return the number of doorbells read, descriptors written and interrupts raised (0 when idle)
     */
    public int doWork(long nowNanos) {
        int work = 0;
        if (nowNanos >= nextPollNanos) {
            nextPollNanos = nextPollNanos + pollIntervalNanos > nowNanos ? nextPollNanos + pollIntervalNanos
                    : nowNanos + pollIntervalNanos;
            work += pollMac(nowNanos);
        }
        work += readDoorbells(nowNanos);
        // A turn that found nothing took a few nanoseconds: its own reading of the clock still holds for the
        // timers (one clock read less per idle turn, which shortens the turn and so the wait of the next arrival).
        if (policy.onTimer(work == 0 ? nowNanos : clock.nanoTime())) {
            raise();
            work++;
        }
        if (work == 0 && (++idleTurns & TOUCH_EVERY_IDLE_TURNS_MASK) == 0) {
            // Idle: take the page fault of the descriptor queue's next page now rather than in a packet's DMA.
            // Every 16th idle turn is soon enough (a page holds ~70 descriptors) and keeps the idle turn short.
            descriptors.touchAhead();
        }
        return work;
    }

    private int pollMac(long detectedNanos) {
        int count = 0;
        while (!mac.isEmpty()) {
            long packetId = mac.headPacketId();
            int frameBytes = mac.headFrameBytes();
            long writtenNanos = descriptors.write(queue, packetId, mac.headFlow(), frameBytes, classes.classOf(packetId),
                    mac.headIntendedNanos(), mac.headInjectedNanos(), detectedNanos);
            mac.pop();
            count++;
            writtenCount++;
            if (firstUnnotifiedPacketId < 0) {
                firstUnnotifiedPacketId = packetId;
            }
            lastWrittenPacketId = packetId;
            if (policy.onCompletion(writtenNanos, frameBytes)) {
                raise();
                count++;
            }
        }
        if (count > 0) {
            writtenPublished.lazySet(writtenCount);
        }
        return count;
    }

    private int readDoorbells(long nowNanos) {
        int doorbellsRead = 0;
        int raised = 0;
        DoorbellRecord doorbell;
        while ((doorbell = doorbells.poll()) != null) {
            if (DoorbellRecord.isControl(doorbell.kind)) {
                continue; // a control message between processes (attach, done): not for the firmware
            }
            doorbellsRead++;
            if (doorbell.kind == DoorbellRecord.REARM) {
                long consumed = doorbell.consumedPacketId;
                if (firstUnnotifiedPacketId >= 0 && firstUnnotifiedPacketId <= consumed) {
                    // the host polled those packets while the interrupt was masked: they need no interrupt
                    firstUnnotifiedPacketId = lastWrittenPacketId > consumed ? consumed + 1 : -1;
                }
                if (policy.onRearm(nowNanos, lastWrittenPacketId - consumed)) {
                    // the missed-IRQ rule: the host re-armed with packets it has not consumed, perhaps some an
                    // earlier interrupt named already; notify them (again) so none rots in the ring
                    firstUnnotifiedPacketId = consumed + 1;
                    raise();
                    raised++;
                }
            } else {
                policy.onDisarm(nowNanos);
            }
        }
        if (doorbellsRead > 0) {
            doorbellCount += doorbellsRead;
            doorbellsPublished.lazySet(doorbellCount);
        }
        return doorbellsRead + raised;
    }

    private void raise() {
        long raisedNanos = clock.nanoTime();
        long firstPacketId = firstUnnotifiedPacketId >= 0 ? firstUnnotifiedPacketId : lastWrittenPacketId;
        interrupts.write(queue, nextInterruptSequence++, firstPacketId, lastWrittenPacketId, raisedNanos);
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

    /** @return doorbells read so far (any thread) */
    public long doorbellsRead() {
        return doorbellsPublished.get();
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
        if (doorbells != null) {
            doorbells.close();
        }
    }
}
