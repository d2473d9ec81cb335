package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptWriter;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.wire.MacFifo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The NIC firmware's receive loop: polls the MAC on its cadence ({@code pollIntervalNanos}, 0 = on every turn),
 * steers each packet to an RX queue by RSS ({@link RssSteering}: Toeplitz hash of the flow's 5-tuple, indirection
 * table; docs/semantics.md#rss), takes a slot of that queue's ring ({@link RxRing}; none free = dropped as
 * ring-full), DMAs a descriptor into the queue's descriptor ring, lets the queue's own {@link NotificationPolicy}
 * decide when to raise its interrupt (vector = queue) into the interrupt queue, and reads the host's doorbells
 * (re-arm, disarm, refill). With a DMA time ({@link NicConfig#dmaNanos()}, {@link NicConfig#dmaPicosPerByte()}) a
 * detected packet waits in a {@link DmaQueue} until its transfer is done, and its descriptor is written on the
 * first turn after that (the {@code dma} stage, written - detected, includes the wait). One thread (the device's);
 * nothing allocated per packet.
 */
public final class Firmware {

    private final MacFifo mac;
    private final RxRing[] rings;
    private final RssSteering steering;
    private final long pollIntervalNanos;
    private final NanoClock clock;
    private final TrafficClasses classes;
    /** Packets whose DMA is in flight; null without a DMA time (descriptors are written when detected). */
    private final DmaQueue dma;

    private InterruptWriter interrupts;
    private DoorbellReader doorbells;
    private long nextPollNanos = Long.MIN_VALUE;

    private final AtomicLong doorbellsPublished = new AtomicLong();
    private final AtomicLong refillsPublished = new AtomicLong();
    private long doorbellCount;
    private long refillCount;
    private long idleTurns;
    /** Idle turns between two touches ahead of the descriptor queue, minus one (a power of two minus one). */
    private static final int TOUCH_EVERY_IDLE_TURNS_MASK = 15;

    /** A one-queue firmware whose descriptors are visible as soon as it detects a packet (no DMA time). */
    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NanoClock clock) {
        this(queue, mac, policy, pollIntervalNanos, NicConfig.DEFAULTS, clock);
    }

    /** @param nic its DMA time ({@code dmaNanos}, {@code dmaPicosPerByte}); the link speed is the wire's */
    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NicConfig nic,
                    NanoClock clock) {
        this(queue, mac, policy, pollIntervalNanos, nic, clock, TrafficClasses.NONE);
    }

    /** A one-queue firmware with an unlimited ring. @param classes how the MAC reads each packet's priority mark */
    public Firmware(int queue, MacFifo mac, NotificationPolicy policy, long pollIntervalNanos, NicConfig nic,
                    NanoClock clock, TrafficClasses classes) {
        this(mac, new RxRing[] {new RxRing(queue, policy, 0)}, null, pollIntervalNanos, nic, clock, classes);
    }

    /**
     * @param policies  one device-half policy per RX queue (each queue its own state)
     * @param steering  RSS over {@code policies.length} queues
     * @param ringSlots descriptors per ring (0 = unlimited)
     */
    public Firmware(MacFifo mac, NotificationPolicy[] policies, RssSteering steering, int ringSlots,
                    long pollIntervalNanos, NicConfig nic, NanoClock clock, TrafficClasses classes) {
        this(mac, rings(policies, ringSlots), steering, pollIntervalNanos, nic, clock, classes);
        if (steering.queues() != policies.length) {
            throw new IllegalArgumentException("RSS steers to " + steering.queues() + " queues, the device has "
                    + policies.length);
        }
    }

    private static RxRing[] rings(NotificationPolicy[] policies, int ringSlots) {
        RxRing[] rings = new RxRing[policies.length];
        for (int q = 0; q < rings.length; q++) {
            rings[q] = new RxRing(q, policies[q], ringSlots);
        }
        return rings;
    }

    private Firmware(MacFifo mac, RxRing[] rings, RssSteering steering, long pollIntervalNanos, NicConfig nic,
                     NanoClock clock, TrafficClasses classes) {
        if (pollIntervalNanos < 0) {
            throw new IllegalArgumentException("pollIntervalNanos must be >= 0, got " + pollIntervalNanos);
        }
        this.mac = mac;
        this.rings = rings;
        this.steering = rings.length > 1 ? steering : null;
        this.pollIntervalNanos = pollIntervalNanos;
        this.clock = clock;
        this.classes = classes;
        this.dma = nic.hasDmaDelay() ? new DmaQueue(nic, mac.capacitySlots()) : null;
    }

    /** Opens the writers; call on the thread that will run {@link #doWork(long)}. */
    public void open(DeviceQueues queues) {
        if (queues.rxQueues() < rings.length) {
            throw new IllegalArgumentException("the device has " + rings.length + " RX queues, the folder "
                    + queues.rxQueues());
        }
        for (RxRing ring : rings) {
            ring.descriptors = queues.newDescriptorWriter(clock, rings.length > 1 ? ring.queue : 0);
        }
        interrupts = queues.newInterruptWriter();
        doorbells = queues.newDoorbellReader();
    }

    /**
     * One firmware turn: poll the MAC if its cadence says so, read the doorbells, then check every queue's
     * moderation timers. The MAC comes first so that a packet's DMA never waits for the doorbell read (measured:
     * about 25 ns of a packet's way to the host); within one turn the order is immaterial, as a doorbell and an
     * arrival in the same turn are simultaneous for the device, and the missed-IRQ rule of a re-arm covers packets
     * written earlier in the turn.
     *
     * @return the number of doorbells read, DMAs started, descriptors written, packets dropped and interrupts
     *         raised (0 when idle)
     */
    public int doWork(long nowNanos) {
        int work = 0;
        if (nowNanos >= nextPollNanos) {
            nextPollNanos = nextPollNanos + pollIntervalNanos > nowNanos ? nextPollNanos + pollIntervalNanos
                    : nowNanos + pollIntervalNanos;
            work += dma == null ? pollMac(nowNanos) : startDmas(nowNanos);
        }
        if (dma != null && !dma.isEmpty()) {
            work += completeDmas(nowNanos); // the DMA engine runs on every turn, not on the MAC poll's cadence
        }
        work += readDoorbells(nowNanos);
        // A turn that found nothing took a few nanoseconds: its own reading of the clock still holds for the
        // timers (one clock read less per idle turn, which shortens the turn and so the wait of the next arrival).
        long timerNanos = work == 0 ? nowNanos : clock.nanoTime();
        for (RxRing ring : rings) {
            if (ring.policy.onTimer(timerNanos)) {
                raise(ring);
                work++;
            }
        }
        if (work == 0 && (++idleTurns & TOUCH_EVERY_IDLE_TURNS_MASK) == 0) {
            // Idle: take the page fault of the descriptor queue's next page now rather than in a packet's DMA.
            // Every 16th idle turn is soon enough (a page holds ~70 descriptors) and keeps the idle turn short.
            for (RxRing ring : rings) {
                ring.descriptors.touchAhead();
            }
        }
        return work;
    }

    /** @return the ring a doorbell names (a one-ring device has one, whatever its queue number) */
    private RxRing ringOfQueue(int queue) {
        if (rings.length == 1) {
            return rings[0];
        }
        if (queue >= rings.length) {
            throw new IllegalStateException("doorbell for RX queue " + queue + " of a device with " + rings.length);
        }
        return rings[queue];
    }

    private RxRing ringOf(int flow) {
        return steering == null ? rings[0] : rings[steering.queueOf(flow)];
    }

    /** Without a DMA time: writes a descriptor for every packet in the MAC that gets a ring slot, detected now. */
    private int pollMac(long detectedNanos) {
        int count = 0;
        while (!mac.isEmpty()) {
            RxRing ring = ringOf(mac.headFlow());
            count += ring.take() ? complete(ring, mac.headPacketId(), mac.headFlow(), mac.headFrameBytes(),
                    mac.headIntendedNanos(), mac.headInjectedNanos(), detectedNanos) : 1;
            mac.pop();
        }
        return count;
    }

    /**
     * With a DMA time: starts the DMA of every packet in the MAC that gets a ring slot, as far as the engine holds
     * them.
     */
    private int startDmas(long detectedNanos) {
        int count = 0;
        while (!mac.isEmpty() && !dma.isFull()) {
            if (ringOf(mac.headFlow()).take()) {
                dma.startFrom(mac, detectedNanos);
            }
            mac.pop();
            count++;
        }
        return count;
    }

    /** Writes the descriptor of every packet whose DMA is done by {@code nowNanos}, in order. */
    private int completeDmas(long nowNanos) {
        int count = 0;
        while (!dma.isEmpty() && dma.headReady(nowNanos)) {
            count += complete(ringOf(dma.headFlow()), dma.headPacketId(), dma.headFlow(), dma.headFrameBytes(),
                    dma.headIntendedNanos(), dma.headInjectedNanos(), dma.headDetectedNanos());
            dma.pop();
        }
        return count;
    }

    /** Writes one descriptor and lets its queue's policy decide on an interrupt. @return 1, or 2 with an interrupt */
    private int complete(RxRing ring, long packetId, int flow, int frameBytes, long intendedNanos, long injectedNanos,
                         long detectedNanos) {
        long writtenNanos = ring.descriptors.write(ring.queue, packetId, flow, frameBytes, classes.classOf(packetId),
                intendedNanos, injectedNanos, detectedNanos);
        ring.wrote(packetId);
        if (ring.policy.onCompletion(writtenNanos, frameBytes)) {
            raise(ring);
            return 2;
        }
        return 1;
    }

    /**
     * @return packets whose DMA is in flight (detected, descriptor not yet written); device thread, or after it stopped
     */
    public int packetsInDma() {
        return dma == null ? 0 : dma.size();
    }

    private int readDoorbells(long nowNanos) {
        int doorbellsRead = 0;
        int refills = 0;
        int raised = 0;
        DoorbellRecord doorbell;
        while ((doorbell = doorbells.poll()) != null) {
            if (DoorbellRecord.isControl(doorbell.kind)) {
                continue; // a control message between processes (attach, done): not for the firmware
            }
            RxRing ring = ringOfQueue(doorbell.queue);
            if (doorbell.kind == DoorbellRecord.REFILL) {
                ring.refill(doorbell.consumedPacketId);
                refills++;
                continue;
            }
            doorbellsRead++;
            if (doorbell.kind == DoorbellRecord.REARM) {
                long consumed = doorbell.consumedPacketId;
                if (ring.firstUnnotifiedPacketId >= 0 && ring.firstUnnotifiedPacketId <= consumed) {
                    // the host polled those packets while the interrupt was masked: they need no interrupt
                    ring.firstUnnotifiedPacketId = ring.lastWrittenPacketId > consumed ? consumed + 1 : -1;
                }
                if (ring.policy.onRearm(nowNanos, ring.lastWrittenPacketId - consumed)) {
                    // the missed-IRQ rule: the host re-armed with packets it has not consumed, perhaps some an
                    // earlier interrupt named already; notify them (again) so none rots in the ring
                    ring.firstUnnotifiedPacketId = consumed + 1;
                    raise(ring);
                    raised++;
                }
            } else {
                ring.policy.onDisarm(nowNanos);
            }
        }
        if (doorbellsRead > 0) {
            doorbellCount += doorbellsRead;
            doorbellsPublished.lazySet(doorbellCount);
        }
        if (refills > 0) {
            refillCount += refills;
            refillsPublished.lazySet(refillCount);
        }
        return doorbellsRead + refills + raised;
    }

    private void raise(RxRing ring) {
        long raisedNanos = clock.nanoTime();
        long firstPacketId = ring.firstUnnotifiedPacketId >= 0 ? ring.firstUnnotifiedPacketId
                : ring.lastWrittenPacketId;
        interrupts.write(ring.queue, ring.nextInterruptSequence++, firstPacketId, ring.lastWrittenPacketId,
                raisedNanos);
        ring.policy.onRaised(raisedNanos);
        ring.raised();
    }

    /** @return the number of RX queues */
    public int rxQueues() {
        return rings.length;
    }

    /** @return descriptors written so far, every queue (any thread) */
    public long descriptorsWritten() {
        long total = 0;
        for (RxRing ring : rings) {
            total += ring.writtenPublished.get();
        }
        return total;
    }

    /** @return descriptors written so far into RX queue {@code queue} (any thread) */
    public long descriptorsWritten(int queue) {
        return rings[queue].writtenPublished.get();
    }

    /** @return interrupts raised so far, every queue (any thread) */
    public long interruptsRaised() {
        long total = 0;
        for (RxRing ring : rings) {
            total += ring.interruptsPublished.get();
        }
        return total;
    }

    /** @return interrupts raised so far for RX queue {@code queue} (any thread) */
    public long interruptsRaised(int queue) {
        return rings[queue].interruptsPublished.get();
    }

    /** @return packets dropped because their queue's ring was full, every queue (any thread) */
    public long ringFullDrops() {
        long total = 0;
        for (RxRing ring : rings) {
            total += ring.ringFullPublished.get();
        }
        return total;
    }

    /** @return packets dropped because RX queue {@code queue}'s ring was full (any thread) */
    public long ringFullDrops(int queue) {
        return rings[queue].ringFullPublished.get();
    }

    /** @return re-arm and disarm doorbells read so far (any thread) */
    public long doorbellsRead() {
        return doorbellsPublished.get();
    }

    /** @return refill doorbells (ring slots returned) read so far (any thread) */
    public long refillsRead() {
        return refillsPublished.get();
    }

    /** @return the policy of RX queue 0 */
    public NotificationPolicy policy() {
        return rings[0].policy;
    }

    /** Closes the writers; call on the device thread. */
    public void close() {
        for (RxRing ring : rings) {
            if (ring.descriptors != null) {
                ring.descriptors.close();
            }
        }
        if (interrupts != null) {
            interrupts.close();
        }
        if (doorbells != null) {
            doorbells.close();
        }
    }
}
