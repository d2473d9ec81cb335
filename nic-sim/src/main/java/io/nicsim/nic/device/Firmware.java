package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.DoorbellLog;
import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.queue.DeviceQueues;
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
 * first turn after that (the {@code dma} stage, written - detected, includes the wait). A written descriptor joins
 * its queue's write-back burst ({@link NicConfig#writeBackDescriptors()}), which becomes visible to the host when it
 * is full, when its timer ({@link NicConfig#writeBackNanos()}) expires, and before any interrupt of its queue is
 * raised, so an interrupt never names a descriptor the host cannot see (docs/semantics.md#descriptor-write-back); the
 * policies never see bursts. One thread (the device's); nothing allocated per packet.
 */
public final class Firmware {

    private final MacFifo mac;
    private final RxRing[] rings;
    /** The ring of a one-queue device (null with several): the engine's searches skip the loop. */
    private final RxRing onlyRing;
    private final RssSteering steering;
    private final long pollIntervalNanos;
    private final NanoClock clock;
    private final TrafficClasses classes;
    /** Packets whose DMA is in flight; null without a DMA time (descriptors are written when detected). */
    private final DmaQueue dma;

    private InterruptSink interrupts;
    private DoorbellSource doorbells;
    private DoorbellLog doorbellLog = DoorbellLog.NONE;
    private final DoorbellBuffer bells = new DoorbellBuffer();
    /** Model time of the last event executed. */
    private long modelNanos = Long.MIN_VALUE;
    /** Origin of the MAC poll grid: polls happen at origin + k * pollIntervalNanos (set at the first turn). */
    private long pollOriginNanos = Long.MIN_VALUE;

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
        this.onlyRing = rings.length == 1 ? rings[0] : null;
        this.steering = rings.length > 1 ? steering : null;
        this.pollIntervalNanos = pollIntervalNanos;
        this.clock = clock;
        this.classes = classes;
        this.dma = nic.hasDmaDelay() ? new DmaQueue(nic, mac.capacitySlots()) : null;
        for (RxRing ring : rings) {
            ring.writeBackDescriptors = nic.writeBackDescriptors();
            ring.writeBackNanos = nic.writeBackNanos();
        }
    }

    /** Opens the writers on Chronicle queues; call on the thread that will run {@link #doWork(long)}. */
    public void open(DeviceQueues queues) {
        if (queues.rxQueues() < rings.length) {
            throw new IllegalArgumentException("the device has " + rings.length + " RX queues, the folder "
                    + queues.rxQueues());
        }
        DescriptorSink[] sinks = new DescriptorSink[rings.length];
        for (RxRing ring : rings) {
            sinks[ring.queue] = queues.newDescriptorWriter(clock, rings.length > 1 ? ring.queue : 0);
        }
        open(sinks, queues.newInterruptWriter(clock), queues.newDoorbellReader(), queues.newDoorbellLog());
    }

    /**
     * Opens the device's ports: a descriptor sink per RX queue, the interrupt sink and the doorbell source (Chronicle
     * queues when the host is real, memory when it is a model).
     */
    public void open(DescriptorSink[] descriptorSinks, InterruptSink interruptSink, DoorbellSource doorbellSource) {
        open(descriptorSinks, interruptSink, doorbellSource, DoorbellLog.NONE);
    }

    /** As {@link #open(DescriptorSink[], InterruptSink, DoorbellSource)}, noting each executed doorbell in a log. */
    public void open(DescriptorSink[] descriptorSinks, InterruptSink interruptSink, DoorbellSource doorbellSource,
                     DoorbellLog log) {
        for (RxRing ring : rings) {
            ring.descriptors = descriptorSinks[ring.queue];
        }
        interrupts = interruptSink;
        doorbells = doorbellSource;
        doorbellLog = log;
    }

    /** Sets the origin of the MAC poll grid (the traffic's time zero): polls happen at origin + k * pollInterval. */
    public void startPolling(long originNanos) {
        pollOriginNanos = originNanos;
    }

    /** Returned by {@link #nextEventNanos()} when nothing is pending. */
    public static final long NO_EVENT = Long.MAX_VALUE;

    /**
     * One firmware turn at wall-clock (paced) time {@code nowNanos}: reads the doorbells, then executes in model-time
     * order every event due by then ({@link #advanceTo}).
     *
     * @return events executed (0 when idle)
     */
    public int doWork(long nowNanos) {
        int work = readDoorbells() + advanceTo(nowNanos);
        if (work == 0) {
            idle();
        }
        return work;
    }

    /**
     * Executes, in model-time order, every firmware event due at or before {@code modelNanosLimit}: doorbells read,
     * MAC polls, DMA completions, write-back timers, moderation timers (docs/semantics.md#device-time).
     *
     * @return events executed
     */
    public int advanceTo(long modelNanosLimit) {
        int work = 0;
        long next;
        while ((next = nextEventNanos()) != NO_EVENT && next <= modelNanosLimit) {
            work += step(next);
        }
        return work;
    }

    /**
     * Executes every firmware event at model time {@code t}, which the last {@link #nextEventNanos()} named with the
     * firmware's state unchanged since (the engine's fast path: the same events as {@code advanceTo(t)} without
     * looking for the first again); the next event after them is then {@link #computedNextNanos()}.
     *
     * @return events executed
     */
    int executeAt(long t) {
        int work = step(t);
        while (nextEventNanos() <= t) {
            work += step(computedNext);
        }
        return work;
    }

    /** @return what the last {@link #nextEventNanos()} returned (valid while the firmware's state is unchanged) */
    long computedNextNanos() {
        return computedNext;
    }

    /**
     * @return the model time of the firmware's next event (a doorbell read, a MAC poll that finds a packet, a DMA
     *         completion, a write-back timer, a moderation timer), or {@link #NO_EVENT}
     */
    public long nextEventNanos() {
        // the kinds in the order step executes them at one instant: on a tie the earlier kind is next
        long next = NO_EVENT;
        int kind = NEXT_TIMER;
        if (!bells.isEmpty()) {
            next = bells.headNanos();
            kind = NEXT_DOORBELL;
        }
        long poll = nextPollNanos();
        if (poll < next) {
            next = poll;
            kind = NEXT_POLL;
        }
        long dmaDone = nextDmaNanos();
        if (dmaDone < next) {
            next = dmaDone;
            kind = NEXT_DMA;
        }
        long writeBack = nextWriteBackNanos();
        if (writeBack < next) {
            next = writeBack;
            kind = NEXT_WRITE_BACK;
        }
        long timer = nextTimerNanos();
        if (timer < next) {
            next = timer;
            kind = NEXT_TIMER;
        }
        computedKind = kind;
        computedNext = next;
        return next;
    }

    /** What the last {@link #nextEventNanos()} found next, so {@link #step} need not look again. */
    private static final int NEXT_DOORBELL = 0;
    private static final int NEXT_POLL = 1;
    private static final int NEXT_DMA = 2;
    private static final int NEXT_WRITE_BACK = 3;
    private static final int NEXT_TIMER = 4;
    private int computedKind = NEXT_TIMER;
    private long computedNext = NO_EVENT;

    /** @return model time of the last event executed ({@code Long.MIN_VALUE} before the first) */
    public long modelNanos() {
        return modelNanos;
    }

    /**
     * Executes the events due at model time {@code t}, one kind at a time: at one instant the host's doorbell comes
     * first, then the MAC poll, the DMA completion, the write-back timers (a burst takes the descriptors completed at
     * its instant), the moderation timers.
     */
    private int step(long t) {
        // t and the kind are what nextEventNanos() just computed, the state unchanged since
        modelNanos = t;
        return switch (computedKind) {
            case NEXT_DOORBELL -> executeDoorbell(t);
            case NEXT_POLL -> dma == null ? pollMac(t) : startDmas(t);
            case NEXT_DMA -> completeDma(t);
            case NEXT_WRITE_BACK -> writeBackDue(t);
            default -> fireTimers(t);
        };
    }

    /** An idle turn: takes the page fault of each descriptor queue's next page now rather than in a packet's DMA. */
    public void idle() {
        if ((++idleTurns & TOUCH_EVERY_IDLE_TURNS_MASK) == 0) {
            // every 16th idle turn is soon enough (a page holds ~70 descriptors) and keeps the idle turn short
            for (RxRing ring : rings) {
                ring.descriptors.touchAhead();
            }
        }
    }

    /** @return when the MAC poll that finds the MAC's head packet happens, or NO_EVENT (MAC empty, DMA engine full) */
    private long nextPollNanos() {
        if (mac.isEmpty() || (dma != null && dma.isFull())) {
            return NO_EVENT;
        }
        long atOrAfter = Math.max(mac.headInjectedNanos(), modelNanos);
        if (pollIntervalNanos == 0) {
            return atOrAfter;
        }
        if (pollOriginNanos == Long.MIN_VALUE) {
            pollOriginNanos = atOrAfter; // the first poll: the grid starts there
        }
        long since = atOrAfter - pollOriginNanos;
        return since <= 0 ? pollOriginNanos : pollOriginNanos + Math.ceilDiv(since,
                pollIntervalNanos) * pollIntervalNanos;
    }

    private long nextDmaNanos() {
        return dma == null || dma.isEmpty() ? NO_EVENT : Math.max(dma.headReadyNanos(), modelNanos);
    }

    /** @return when the earliest open write-back burst's timer expires, never before model time, or NO_EVENT */
    private long nextWriteBackNanos() {
        long next;
        if (onlyRing != null) {
            next = onlyRing.writeBackDueNanos;
        } else {
            next = NO_EVENT;
            for (RxRing ring : rings) {
                next = Math.min(next, ring.writeBackDueNanos);
            }
        }
        return next == NO_EVENT ? NO_EVENT : Math.max(next, modelNanos);
    }

    /** Writes back every open burst whose timer expired by model time {@code t}. @return bursts written */
    private int writeBackDue(long t) {
        int written = 0;
        for (RxRing ring : rings) {
            if (ring.writeBackDueNanos <= t) {
                writeBack(ring, t);
                written++;
            }
        }
        return Math.max(written, 1);
    }

    /** Writes the ring's open burst back at model time {@code t}: its descriptors become visible to the host. */
    private static void writeBack(RxRing ring, long t) {
        ring.descriptors.writeBack(t);
        ring.wroteBack();
    }

    /**
     * @return the earliest moderation timer, never before model time; a ring whose timer was checked at model time and
     *         did not fire has none until one of its events changes the policy's state
     */
    private long nextTimerNanos() {
        if (onlyRing != null) {
            return timerNanos(onlyRing);
        }
        long next = NO_EVENT;
        for (RxRing ring : rings) {
            next = Math.min(next, timerNanos(ring));
        }
        return next;
    }

    /** @return the ring's moderation timer, never before model time; NO_EVENT if none or checked at that time */
    private long timerNanos(RxRing ring) {
        long due = ring.timerNanos;
        if (due == NotificationPolicy.NO_TIMER) {
            return NO_EVENT;
        }
        due = Math.max(due, modelNanos);
        return due > ring.timerCheckedNanos ? due : NO_EVENT;
    }

    private int fireTimers(long t) {
        int raised = 0;
        for (RxRing ring : rings) {
            long due = ring.timerNanos;
            if (due != NotificationPolicy.NO_TIMER && Math.max(due, modelNanos) <= t && t > ring.timerCheckedNanos) {
                if (ring.policy.onTimer(t)) {
                    raise(ring, t);
                    raised++;
                } else {
                    ring.timerNanos = ring.policy.nextTimerNanos();
                    ring.timerCheckedNanos = t;
                }
            }
        }
        return Math.max(raised, 1);
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

    /** Without a DMA time: writes a descriptor for every packet arrived by the poll that gets a ring slot. */
    private int pollMac(long detectedNanos) {
        int count = 0;
        while (!mac.isEmpty() && mac.headInjectedNanos() <= detectedNanos) {
            RxRing ring = ringOf(mac.headFlow());
            count += ring.take() ? complete(ring, mac.headPacketId(), mac.headFlow(), mac.headFrameBytes(),
                    mac.headIntendedNanos(), mac.headInjectedNanos(), detectedNanos, detectedNanos) : 1;
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
        while (!mac.isEmpty() && !dma.isFull() && mac.headInjectedNanos() <= detectedNanos) {
            if (ringOf(mac.headFlow()).take()) {
                dma.startFrom(mac, detectedNanos);
            }
            mac.pop();
            count++;
        }
        return count;
    }

    /** Writes the descriptor of the DMA engine's head packet, its transfer done at model time {@code t}. */
    private int completeDma(long t) {
        int count = complete(ringOf(dma.headFlow()), dma.headPacketId(), dma.headFlow(), dma.headFrameBytes(),
                dma.headIntendedNanos(), dma.headInjectedNanos(), dma.headDetectedNanos(), t);
        dma.pop();
        return count;
    }

    /**
     * Writes one descriptor, its DMA done at model time {@code writtenNanos}, into its queue's write-back burst
     * (written back at once if that fills it), and lets its queue's policy decide on an interrupt. @return 1, or 2
     * with an interrupt
     */
    private int complete(RxRing ring, long packetId, int flow, int frameBytes, long intendedNanos, long injectedNanos,
                         long detectedNanos, long writtenNanos) {
        ring.descriptors.add(ring.queue, packetId, flow, frameBytes, classes.classOf(packetId), intendedNanos,
                injectedNanos, detectedNanos, writtenNanos);
        if (ring.wrote(packetId, writtenNanos)) {
            writeBack(ring, writtenNanos);
        }
        ring.timerCheckedNanos = Long.MIN_VALUE;
        if (ring.policy.onCompletion(writtenNanos, frameBytes)) {
            raise(ring, writtenNanos); // reads the policy's timer after onRaised
            return 2;
        }
        ring.timerNanos = ring.policy.nextTimerNanos();
        return 1;
    }

    /**
     * @return packets whose DMA is in flight (detected, descriptor not yet written); device thread, or after it stopped
     */
    public int packetsInDma() {
        return dma == null ? 0 : dma.size();
    }

    /**
     * Reads every visible doorbell into model time, as far as the buffer holds: each enters at the host's stamp, or
     * at the device's model time if that is later (docs/semantics.md#device-time). Control doorbells (attach, done)
     * are between processes, not for the firmware.
     *
     * @return doorbells read
     */
    public int readDoorbells() {
        int read = 0;
        DoorbellRecord doorbell;
        while (!bells.isFull() && (doorbell = doorbells.poll()) != null) {
            if (!DoorbellRecord.isControl(doorbell.kind)) {
                // after every event already executed: a doorbell seen late comes after them, never among them
                bells.add(doorbell, modelNanos == Long.MIN_VALUE ? modelNanos : modelNanos + 1);
                read++;
            }
        }
        return read;
    }

    /** Executes the doorbell at the head of the buffer, at model time {@code t}. */
    private int executeDoorbell(long t) {
        RxRing ring = ringOfQueue(bells.headQueue());
        int kind = bells.headKind();
        long consumed = bells.headConsumedPacketId();
        bells.pop();
        doorbellLog.executed(ring.queue, kind, consumed, t);
        ring.timerCheckedNanos = Long.MIN_VALUE;
        if (kind == DoorbellRecord.REFILL) {
            ring.refill(consumed);
            refillsPublished.lazySet(++refillCount);
            return 1;
        }
        doorbellsPublished.lazySet(++doorbellCount);
        if (kind == DoorbellRecord.REARM) {
            if (ring.firstUnnotifiedPacketId >= 0 && ring.firstUnnotifiedPacketId <= consumed) {
                // the host polled those packets while the interrupt was masked: they need no interrupt
                ring.firstUnnotifiedPacketId = ring.lastWrittenPacketId > consumed ? consumed + 1 : -1;
            }
            boolean interrupt = ring.policy.onRearm(t, ring.lastWrittenPacketId - consumed);
            ring.timerNanos = ring.policy.nextTimerNanos();
            if (interrupt) {
                // the missed-IRQ rule: the host re-armed with packets it has not consumed, perhaps some an earlier
                // interrupt named already; notify them (again) so none rots in the ring
                ring.firstUnnotifiedPacketId = consumed + 1;
                raise(ring, t);
                return 2;
            }
        } else {
            ring.policy.onDisarm(t);
            ring.timerNanos = ring.policy.nextTimerNanos();
        }
        return 1;
    }

    /**
     * Raises the ring's interrupt at model time {@code raisedNanos}, after writing back its open burst: the interrupt
     * names the ring's last written descriptor, which the host must be able to see when it comes.
     */
    private void raise(RxRing ring, long raisedNanos) {
        if (ring.burstCount > 0) {
            writeBack(ring, raisedNanos);
        }
        long firstPacketId = ring.firstUnnotifiedPacketId >= 0 ? ring.firstUnnotifiedPacketId
                : ring.lastWrittenPacketId;
        interrupts.raise(ring.queue, ring.nextInterruptSequence++, firstPacketId, ring.lastWrittenPacketId,
                raisedNanos);
        ring.policy.onRaised(raisedNanos);
        ring.timerNanos = ring.policy.nextTimerNanos();
        ring.timerCheckedNanos = Long.MIN_VALUE;
        ring.raised();
    }

    /** @return the number of RX queues */
    public int rxQueues() {
        return rings.length;
    }

    /**
     * Writes back every open burst at the model time of the last event: a device that stops holds no descriptor the
     * host could never see. Device thread (or after it stopped).
     *
     * @return descriptors written back
     */
    public int flushWriteBacks() {
        int flushed = 0;
        for (RxRing ring : rings) {
            if (ring.burstCount > 0 && ring.descriptors != null) {
                flushed += ring.burstCount;
                writeBack(ring, modelNanos);
            }
        }
        return flushed;
    }

    /** @return write-back bursts (documents) written so far, every queue (any thread) */
    public long writeBackBursts() {
        long total = 0;
        for (RxRing ring : rings) {
            total += ring.burstsPublished.get();
        }
        return total;
    }

    /** @return descriptors whose DMA completed but whose burst is not written back yet; device thread, or after */
    public int packetsInWriteBack() {
        int total = 0;
        for (RxRing ring : rings) {
            total += ring.burstCount;
        }
        return total;
    }

    /** @return descriptors written back (visible to the host) so far, every queue (any thread) */
    public long descriptorsWritten() {
        long total = 0;
        for (RxRing ring : rings) {
            total += ring.writtenPublished.get();
        }
        return total;
    }

    /** @return descriptors written back so far into RX queue {@code queue} (any thread) */
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

    /** Writes back what the bursts hold, then closes the writers; call on the device thread. */
    public void close() {
        flushWriteBacks();
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
        doorbellLog.close();
    }
}
