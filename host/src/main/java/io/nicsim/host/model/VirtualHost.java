package io.nicsim.host.model;

import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.host.consumer.EventLoopConsumer;
import io.nicsim.host.consumer.ParkingConsumer;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.shape.EventLoopsConsumer;
import io.nicsim.host.shape.FlowThreadsConsumer;
import io.nicsim.host.shape.PoolConsumer;
import io.nicsim.host.shape.VirtualPerPacketConsumer;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.DoorbellRecord;

import java.util.SplittableRandom;

/**
 * The host as a model in virtual time: the consumers of one run, their driver policies, the interrupt path and the
 * host's cores, as a discrete-event engine that the device's engine and this one advance together
 * ({@code t = min(device.nextEventNanos(), host.nextEventNanos())}). The device's ports are memory: descriptors go
 * into a ring per RX queue here, interrupts into a delivery line per vector, doorbells back through
 * {@link #doorbellSource()} at the model time the host rang them.
 *
 * <p>What it models: interrupt delivery latency and the interrupt's CPU on its core, which preempts the thread running
 * there (so a flood of interrupts starves a consumer: receive livelock); per consumer kind, how it waits (busy-poll
 * spins on its own core; parking threads and event loops sleep and pay a sampled wake-up when signalled or when
 * their timer fires; shapes run the driver in softirq context and hand packets to workers that wake); the driver
 * policy objects of the scenario, with their re-arm, disarm and refill doorbells; per packet the driver's CPU, the
 * handler's work (CPU) and its blocking wait (the core is free); N cores, each one CPU that thread-level work queues
 * for. What it leaves out: the scheduler's choices beyond a fixed home core per thread (no migration, no time
 * slices between threads sharing a core, which instead run one after another), caches, GC, and the simulator's own
 * threads (in virtual time the device costs the host nothing).
 *
 * <p>Latency is recorded exactly as on real threads ({@link LatencyRecorder}, the rules of
 * {@code io.nicsim.host.rx.RxQueue}): woken is when the consumer is running and could act on the packet. One thread;
 * deterministic for a model, a scenario and a seed; nothing allocated per event.
 */
public final class VirtualHost {

    /**
     * What the scenario says about the host besides the model.
     *
     * @param consumer          consumer name (a base kind or a shape)
     * @param handlerWorkNanos  CPU of the handler per packet
     * @param handlerBlockNanos blocking wait of the handler per packet (the core is free)
     * @param workers           shapes: pool threads, event loops, verticles (0 = one per modelled core)
     * @param socketSlots       shapes: packets each worker's buffer holds (beyond: socket-full)
     * @param flows             traffic flows (a thread per flow)
     * @param refillEvery       ring slots returned every this many packets (0 = unlimited ring, no refills)
     * @param seed              seed of the model's random draws
     */
    public record Settings(String consumer, long handlerWorkNanos, long handlerBlockNanos, int workers,
                           int socketSlots, int flows, int refillEvery, long seed) {
    }

    // driver states
    private static final int WAIT_IRQ = 0;
    private static final int WAIT_UNTIL = 1;
    private static final int WAKING = 2;
    private static final int POLL = 3;
    private static final int PACKET = 4;
    private static final int BLOCKED = 5;
    private static final int POLL_END = 6;
    private static final int SPIN = 7;
    // worker states
    private static final int W_SLEEP = 0;
    private static final int W_WAKING = 1;
    private static final int W_RUN = 2;
    private static final int W_BLOCKED = 3;

    private final HostModel model;
    private final HostModel.Kind kind;
    private final Settings settings;
    private final DriverPolicy[] drivers;
    private final LatencyRecorder recorder;
    private final SplittableRandom random;
    private final EventHeap events;
    private final int queues;
    private final int workerCount;
    private final boolean busyPoll;
    private final boolean shape;
    private final boolean parksWhileBlocked;
    private final boolean pool;
    private final int[] coreOf;
    /** Thread-level entities (consumer threads, workers) by home core, for interrupt preemption. */
    private final int[][] threadsOnCore;
    private final boolean[] onCpu;
    private final long[] threadFree;
    private final long[] irqFree;

    // per RX queue: the ring, the interrupt line, the driver's state
    private final PacketRing[] rings;
    /** Per RX queue: the descriptors of the device's open write-back burst, not yet visible. */
    private final PacketRing[] writeBacks;
    private final InterruptLog[] logs;
    private final long[][] pendingIrq;
    private final int[] pendingHead;
    private final int[] pendingTail;
    private final long[] lastDelivery;
    private final int[] state;
    private final boolean[] wakeByIrq;
    /** CPU the queue's thread pays when its pending wake-up runs: a switch, a timed wait, or none after a spin. */
    private final long[] wakeCpuNanos;
    private final boolean[] wakeFromUntil;
    private final long[] wokenNanos;
    private final long[] signals;
    private final long[] seen;
    private final int[] pollCount;
    private final long[] lastConsumed;
    private final long[] consumed;
    private final long[] consumedAtRefill;
    private final long[] curWoken;
    private final long[] curRaised;
    private final long[] curDelivered;
    private final DescriptorRecord[] current;

    // workers (shapes)
    private final PacketRing[] workerRings;
    private final int[] workerState;
    private final long[] workerWoken;
    private final long[] workerCurWoken;
    private final DescriptorRecord scratch = new DescriptorRecord();
    private final DescriptorRecord writtenBack = new DescriptorRecord();

    private final MemoryDoorbells doorbells = new MemoryDoorbells();
    private long measureFromNanos = Long.MIN_VALUE;
    private long read;
    private long socketFull;
    private long interruptsDelivered;
    private long cpuNanos;
    private long switches;
    private long handledMeasured;

    /**
     * @param drivers the driver half of the run's policy, one instance per RX queue
     */
    public VirtualHost(HostModel model, Settings settings, DriverPolicy[] drivers, LatencyRecorder recorder) {
        this.model = model;
        this.kind = model.kind(settings.consumer());
        this.settings = settings;
        this.drivers = drivers.clone();
        this.recorder = recorder;
        this.random = new SplittableRandom(settings.seed());
        this.queues = drivers.length;
        String name = settings.consumer();
        this.busyPoll = BusyPollConsumer.NAME.equals(name);
        this.shape = isShape(name);
        this.pool = PoolConsumer.NAME.equals(name) || VirtualPerPacketConsumer.NAME.equals(name);
        boolean loops = EventLoopConsumer.NAME.equals(name) || EventLoopsConsumer.EVENT_LOOPS.equals(name)
                || EventLoopsConsumer.VIRTUAL_VERTICLES.equals(name);
        this.parksWhileBlocked = !busyPoll && !loops;
        int cores = model.cores();
        this.workerCount = !shape ? 0 : name.endsWith("-per-flow") ? Math.max(1, settings.flows())
                : VirtualPerPacketConsumer.NAME.equals(name) ? cores
                : settings.workers() > 0 ? settings.workers() : cores;
        int entities = 2 * queues + workerCount;
        this.events = new EventHeap(entities);
        this.coreOf = new int[entities];
        this.onCpu = new boolean[entities];
        this.threadFree = new long[cores];
        this.irqFree = new long[cores];
        java.util.Arrays.fill(threadFree, Long.MIN_VALUE);
        java.util.Arrays.fill(irqFree, Long.MIN_VALUE);
        for (int q = 0; q < queues; q++) {
            coreOf[q] = q % cores;
            coreOf[queues + q] = q % cores;
        }
        for (int w = 0; w < workerCount; w++) {
            coreOf[2 * queues + w] = (queues + w) % cores;
        }
        threadsOnCore = new int[cores][];
        for (int c = 0; c < cores; c++) {
            int count = 0;
            for (int id = 0; id < entities; id++) {
                count += isThread(id) && coreOf[id] == c ? 1 : 0;
            }
            threadsOnCore[c] = new int[count];
            count = 0;
            for (int id = 0; id < entities; id++) {
                if (isThread(id) && coreOf[id] == c) {
                    threadsOnCore[c][count++] = id;
                }
            }
        }
        rings = new PacketRing[queues];
        writeBacks = new PacketRing[queues];
        logs = new InterruptLog[queues];
        pendingIrq = new long[queues][];
        pendingHead = new int[queues];
        pendingTail = new int[queues];
        lastDelivery = new long[queues];
        state = new int[queues];
        wakeByIrq = new boolean[queues];
        wakeCpuNanos = new long[queues];
        wakeFromUntil = new boolean[queues];
        wokenNanos = new long[queues];
        signals = new long[queues];
        seen = new long[queues];
        pollCount = new int[queues];
        lastConsumed = new long[queues];
        consumed = new long[queues];
        consumedAtRefill = new long[queues];
        curWoken = new long[queues];
        curRaised = new long[queues];
        curDelivered = new long[queues];
        current = new DescriptorRecord[queues];
        for (int q = 0; q < queues; q++) {
            rings[q] = new PacketRing(Integer.MAX_VALUE);
            writeBacks[q] = new PacketRing(Integer.MAX_VALUE);
            logs[q] = new InterruptLog(InterruptLog.DEFAULT_CAPACITY);
            pendingIrq[q] = new long[4 * PENDING];
            lastDelivery[q] = Long.MIN_VALUE;
            lastConsumed[q] = -1;
            current[q] = new DescriptorRecord();
        }
        workerRings = new PacketRing[workerCount];
        workerState = new int[workerCount];
        workerWoken = new long[workerCount];
        workerCurWoken = new long[workerCount];
        for (int w = 0; w < workerCount; w++) {
            workerRings[w] = new PacketRing(settings.socketSlots());
        }
    }

    /** Interrupts in flight to the host per vector (raised, not yet delivered); beyond, the oldest are merged. */
    private static final int PENDING = 1 << 12;

    /** @return whether {@code consumer} is a shape (its driver runs in softirq context and hands packets on) */
    public static boolean isShape(String consumer) {
        return FlowThreadsConsumer.PLATFORM.equals(consumer) || FlowThreadsConsumer.VIRTUAL.equals(consumer)
                || PoolConsumer.NAME.equals(consumer) || VirtualPerPacketConsumer.NAME.equals(consumer)
                || EventLoopsConsumer.EVENT_LOOPS.equals(consumer)
                || EventLoopsConsumer.VIRTUAL_VERTICLES.equals(consumer);
    }

    /** Sets the start of the measured window: costs count from there. */
    public void measureFrom(long nanos) {
        this.measureFromNanos = nanos;
    }

    /** Starts the consumers at model time {@code nowNanos}: a driver that starts polling polls at once. */
    public void start(long nowNanos) {
        for (int q = 0; q < queues; q++) {
            if (busyPoll) {
                state[q] = POLL;
                events.set(q, nowNanos);
            } else if (drivers[q].startsPolling()) {
                state[q] = POLL;
                wokenNanos[q] = nowNanos;
                events.set(q, nowNanos);
            } else {
                state[q] = WAIT_IRQ;
            }
        }
    }

    /** @return the model time of the host's next event, or {@link EventHeap#NONE} (Long.MAX_VALUE) */
    public long nextEventNanos() {
        return events.peekTime();
    }

    /** Executes every host event due at or before {@code modelNanosLimit}, in model-time order. */
    public void advanceTo(long modelNanosLimit) {
        while (events.peekTime() <= modelNanosLimit) {
            int id = events.peekId();
            long t = events.peekTime();
            events.set(id, EventHeap.NONE);
            onCpu[id] = false;
            if (id < queues) {
                driverEvent(id, t);
            } else if (id < 2 * queues) {
                deliver(id - queues, t);
            } else {
                workerEvent(id - 2 * queues, t);
            }
        }
    }

    // ---- the device's ports

    /**
     * @return a descriptor sink per RX queue: a burst's descriptors wait in the queue's write-back buffer and enter
     *         this host's ring together when the device writes the burst back
     */
    public DescriptorSink[] descriptorSinks() {
        DescriptorSink[] sinks = new DescriptorSink[queues];
        for (int q = 0; q < queues; q++) {
            int queue = q;
            sinks[q] = new DescriptorSink() {
                @Override
                public void add(int ignored, long packetId, int flow, int frameBytes, int trafficClass,
                                long intendedNanos, long injectedNanos, long detectedNanos, long writtenNanos) {
                    writeBacks[queue].add(packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos,
                            detectedNanos, writtenNanos, 0, 0, 0, 0);
                }

                @Override
                public void writeBack(long writtenBackNanos) {
                    descriptorsWrittenBack(queue, writtenBackNanos);
                }

                @Override
                public void close() {
                    // memory
                }
            };
        }
        return sinks;
    }

    /** @return the interrupt sink: each interrupt goes down its vector's delivery line */
    public InterruptSink interruptSink() {
        return new InterruptSink() {
            @Override
            public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
                raised(vector, firstPacketId, lastPacketId, raisedNanos);
            }

            @Override
            public void close() {
                // memory
            }
        };
    }

    /** @return the doorbells the host rang, for the device to read at their model times */
    public DoorbellSource doorbellSource() {
        return doorbells;
    }

    /** The device wrote queue {@code q}'s burst back: its descriptors enter the ring, visible from now. */
    private void descriptorsWrittenBack(int q, long writtenBackNanos) {
        PacketRing burst = writeBacks[q];
        if (burst.isEmpty()) {
            return;
        }
        DescriptorRecord d = writtenBack;
        while (!burst.isEmpty()) {
            burst.headInto(d);
            burst.pop();
            rings[q].add(d.packetId, d.flow, d.frameBytes, d.trafficClass, d.intendedNanos, d.injectedNanos,
                    d.detectedNanos, d.writtenNanos, writtenBackNanos, 0, 0, 0);
        }
        if (state[q] == SPIN) {
            // a spinning poller's wake-up figure is the descriptor's way to it: the write becoming visible there
            state[q] = POLL;
            events.set(q, writtenBackNanos + kind.perPollNanos() + kind.wake().sample(random));
        }
    }

    private void raised(int vector, long first, long last, long raisedNanos) {
        int q = vector;
        long[] line = pendingIrq[q];
        if (pendingTail[q] - pendingHead[q] == PENDING) {
            // the line is full: the newest entry now covers up to this packet too
            line[((pendingTail[q] - 1) & (PENDING - 1)) * 4 + 1] = last;
            return;
        }
        long deliveredNanos = Math.max(lastDelivery[q], raisedNanos + model.deliver().sample(random));
        lastDelivery[q] = deliveredNanos;
        int slot = (pendingTail[q] & (PENDING - 1)) * 4;
        line[slot] = first;
        line[slot + 1] = last;
        line[slot + 2] = raisedNanos;
        line[slot + 3] = deliveredNanos;
        pendingTail[q]++;
        if (pendingTail[q] - pendingHead[q] == 1) {
            events.set(queues + q, deliveredNanos);
        }
    }

    // ---- the interrupt path

    private void deliver(int q, long t) {
        long[] line = pendingIrq[q];
        int slot = (pendingHead[q] & (PENDING - 1)) * 4;
        logs[q].offer(line[slot], line[slot + 1], line[slot + 2], t);
        pendingHead[q]++;
        if (pendingHead[q] != pendingTail[q]) {
            events.set(queues + q, line[(pendingHead[q] & (PENDING - 1)) * 4 + 3]);
        }
        interruptsDelivered++;
        long irqEnd = irqWork(coreOf[queues + q], t, model.irqNanos());
        signals[q]++;
        if (busyPoll) {
            return;
        }
        if (state[q] == WAIT_IRQ || state[q] == WAIT_UNTIL) {
            wakeFromUntil[q] = state[q] == WAIT_UNTIL;
            wakeByIrq[q] = true;
            wakeCpuNanos[q] = model.contextSwitchNanos();
            state[q] = WAKING;
            events.set(q, irqEnd + wakeLatency());
        }
    }

    /** @return the wake-up latency of the queue's driver: none in softirq context, the kind's otherwise */
    private long wakeLatency() {
        return shape ? 0 : kind.wake().sample(random);
    }

    // ---- the queue's driver: a consumer thread, or a softirq poll in a shape

    private void driverEvent(int q, long t) {
        switch (state[q]) {
            case WAIT_UNTIL -> {
                // the deadline of REARM_AND_WAIT_INTERRUPT_UNTIL passed: the timer wakes the thread
                wakeFromUntil[q] = true;
                wakeByIrq[q] = false;
                wakeCpuNanos[q] = kind.timedWaitNanos();
                state[q] = WAKING;
                events.set(q, t + wakeLatency());
            }
            case WAKING -> woken(q, t);
            case POLL -> pollStep(q, t);
            case PACKET -> packetCpuDone(q, t);
            case BLOCKED -> {
                recordCurrent(q, t);
                pollStep(q, t);
            }
            case POLL_END -> afterPoll(q, t);
            default -> throw new IllegalStateException("queue " + q + ": no event expected in state " + state[q]);
        }
    }

    /** The thread runs again (ParkingConsumer's rules): a disarm after a timed wait, the driver told of a signal. */
    private void woken(int q, long t) {
        if (!shape) {
            charge(t, wakeCpuNanos[q]);
        }
        if (wakeFromUntil[q]) {
            doorbells.ring(q, DoorbellRecord.DISARM, lastConsumed[q], t);
        }
        wokenNanos[q] = t;
        if (wakeByIrq[q] || (wakeFromUntil[q] && signals[q] != seen[q])) {
            seen[q] = signals[q];
            drivers[q].onInterrupt(t);
        }
        wakeByIrq[q] = false;
        wakeFromUntil[q] = false;
        pollCount[q] = 0;
        pollStep(q, t);
    }

    private void pollStep(int q, long t) {
        PacketRing ring = rings[q];
        boolean take = !ring.isEmpty() && (busyPoll || pollCount[q] < drivers[q].budget());
        if (!take) {
            if (busyPoll) {
                state[q] = SPIN;
                return;
            }
            if (!shape) {
                // a thread decides at once; if it goes to sleep, the way into the sleep costs its perPollNanos
                afterPoll(q, t);
                return;
            }
            state[q] = POLL_END;
            events.set(q, cpu(q, t, kind.perPollNanos()));
            return;
        }
        DescriptorRecord descriptor = current[q];
        ring.headInto(descriptor);
        ring.pop();
        descriptor.queue = q;
        long packetId = descriptor.packetId;
        long packetWoken = !busyPoll && descriptor.writtenBackNanos <= wokenNanos[q] ? wokenNanos[q] : t;
        InterruptLog log = logs[q];
        while (log.hasEntry() && log.headLastPacketId() < packetId) {
            log.advance();
        }
        boolean notified = !busyPoll && log.hasEntry() && log.headFirstPacketId() <= packetId
                && log.headLastPacketId() >= packetId && log.headDeliveredNanos() <= packetWoken;
        curWoken[q] = packetWoken;
        curRaised[q] = notified ? log.headRaisedNanos() : packetWoken;
        curDelivered[q] = notified ? log.headDeliveredNanos() : packetWoken;
        pollCount[q]++;
        consumed[q]++;
        lastConsumed[q] = packetId;
        read++;
        if (busyPoll) {
            refill(q, t);
        }
        long work = shape ? kind.perPacketNanos() + kind.handoffNanos()
                : kind.perPacketNanos() + settings.handlerWorkNanos() + (busyPoll ? settings.handlerBlockNanos() : 0);
        state[q] = PACKET;
        events.set(q, cpu(q, t, work));
    }

    private void packetCpuDone(int q, long t) {
        if (shape) {
            handOff(q, t);
        } else if (settings.handlerBlockNanos() > 0 && parksWhileBlocked) {
            state[q] = BLOCKED;
            switches(t, 1);
            long back = t + settings.handlerBlockNanos() + timedWake();
            charge(back, kind.timedWaitNanos());
            events.set(q, back);
            return;
        } else {
            if (!busyPoll && settings.handlerBlockNanos() > 0) {
                charge(t, kind.timedWaitNanos()); // an event loop's timer for the wait
            }
            recordCurrent(q, t + (busyPoll ? 0 : settings.handlerBlockNanos()));
        }
        pollStep(q, t);
    }

    private void recordCurrent(int q, long handledNanos) {
        recorder.record(current[q], curWoken[q], handledNanos, curRaised[q], curDelivered[q]);
        if (handledNanos >= measureFromNanos) {
            handledMeasured++;
        }
    }

    private void refill(int q, long t) {
        int every = settings.refillEvery();
        if (every > 0 && consumed[q] - consumedAtRefill[q] >= every) {
            doorbells.ring(q, DoorbellRecord.REFILL, consumed[q], t);
            consumedAtRefill[q] = consumed[q];
        }
    }

    private void afterPoll(int q, long t) {
        int count = pollCount[q];
        if (count > 0) {
            refill(q, t);
        }
        DriverPolicy driver = drivers[q];
        switch (driver.afterPoll(count, t)) {
            case POLL_NOW -> {
                pollCount[q] = 0;
                state[q] = POLL;
                events.set(q, count == 0 ? cpu(q, t, model.emptyPollNanos()) : t);
            }
            case POLL_AT -> sleepUntil(q, t, driver.wakeAtNanos());
            case WAIT_INTERRUPT -> waitInterrupt(q, t);
            case REARM_AND_WAIT_INTERRUPT -> {
                seen[q] = signals[q];
                doorbells.ring(q, DoorbellRecord.REARM, lastConsumed[q], t);
                waitInterrupt(q, t);
            }
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                seen[q] = signals[q];
                doorbells.ring(q, DoorbellRecord.REARM, lastConsumed[q], t);
                switches(t, shape ? 0 : 1);
                sleepCpu(q, t);
                state[q] = WAIT_UNTIL;
                events.set(q, Math.max(t, driver.wakeAtNanos()) + (shape ? 0 : model.timerSlack().sample(random)));
            }
        }
    }

    /**
     * POLL_AT (ParkingConsumer.sleepUntil): a thread spins through a sleep shorter than
     * {@link ParkingConsumer#SPIN_BELOW_NANOS}, parks through a longer one (timer slack, then a wake-up); a softirq
     * poll's timer is the kernel's (no slack, no wake-up).
     */
    private void sleepUntil(int q, long t, long wakeAtNanos) {
        long deadline = Math.max(t, wakeAtNanos);
        state[q] = WAKING;
        wakeCpuNanos[q] = 0;
        if (shape) {
            events.set(q, deadline);
        } else if (deadline - t < ParkingConsumer.SPIN_BELOW_NANOS) {
            events.set(q, deadline);
            charge(t, deadline - t);
        } else {
            switches(t, 1);
            sleepCpu(q, t);
            wakeCpuNanos[q] = kind.timedWaitNanos();
            events.set(q, deadline + timedWake());
        }
    }

    /** @return how long after its deadline a parked thread's timed sleep has it running: timer slack and wake-up */
    private long timedWake() {
        return model.timerSlack().sample(random) + kind.wake().sample(random);
    }

    private void waitInterrupt(int q, long t) {
        if (signals[q] != seen[q]) {
            // a signal came while the thread ran: its park returns at once
            wakeByIrq[q] = true;
            wakeCpuNanos[q] = model.contextSwitchNanos();
            state[q] = WAKING;
            events.set(q, t);
            return;
        }
        switches(t, shape ? 0 : 1);
        sleepCpu(q, t);
        state[q] = WAIT_IRQ;
    }

    /**
     * A thread's way into a sleep: its driver's perPollNanos (the empty read, the re-arm, the park into the kernel;
     * calibration fits it per wake-up) keeps its core busy after the decision, and no event of the thread waits on it.
     * A softirq poll paid it at the end of its poll instead.
     */
    private void sleepCpu(int q, long t) {
        if (!shape) {
            cpu(q, t, kind.perPollNanos());
            onCpu[q] = false;
        }
    }

    // ---- shapes: workers

    private void handOff(int q, long t) {
        DescriptorRecord d = current[q];
        int w = pickWorker(d.flow);
        PacketRing ring = workerRings[w];
        if (!ring.add(d.packetId, d.flow, d.frameBytes, d.trafficClass, d.intendedNanos, d.injectedNanos,
                d.detectedNanos, d.writtenNanos, d.writtenBackNanos, curRaised[q], curDelivered[q], t)) {
            socketFull++;
            return;
        }
        if (workerState[w] == W_SLEEP) {
            workerState[w] = W_WAKING;
            events.set(2 * queues + w, t + kind.wake().sample(random));
        }
    }

    private int pickWorker(int flow) {
        if (!pool) {
            return Math.floorMod(flow, workerCount);
        }
        int best = 0;
        for (int w = 0; w < workerCount; w++) {
            if (workerState[w] == W_SLEEP) {
                return w;
            }
            if (workerRings[w].size() < workerRings[best].size()) {
                best = w;
            }
        }
        return best;
    }

    private void workerEvent(int w, long t) {
        int id = 2 * queues + w;
        PacketRing ring = workerRings[w];
        switch (workerState[w]) {
            case W_WAKING -> {
                charge(t, model.contextSwitchNanos());
                workerWoken[w] = t;
            }
            case W_RUN -> {
                if (settings.handlerBlockNanos() > 0 && parksWhileBlocked) {
                    workerState[w] = W_BLOCKED;
                    switches(t, 1);
                    long back = t + settings.handlerBlockNanos() + timedWake();
                    charge(back, kind.timedWaitNanos());
                    events.set(id, back);
                    return;
                }
                if (settings.handlerBlockNanos() > 0) {
                    charge(t, kind.timedWaitNanos()); // a loop's timer for the wait
                }
                recordWorkerHead(w, ring, t + settings.handlerBlockNanos());
            }
            case W_BLOCKED -> recordWorkerHead(w, ring, t);
            default -> throw new IllegalStateException("worker " + w + ": no event expected");
        }
        if (ring.isEmpty()) {
            workerState[w] = W_SLEEP;
            switches(t, 1);
            return;
        }
        long handed = ring.headHanded();
        workerCurWoken[w] = handed <= workerWoken[w] ? workerWoken[w] : t;
        workerState[w] = W_RUN;
        events.set(id, cpu(id, t, settings.handlerWorkNanos()));
    }

    private void recordWorkerHead(int w, PacketRing ring, long handledNanos) {
        ring.headInto(scratch);
        recorder.record(scratch, workerCurWoken[w], handledNanos, ring.headRaised(), ring.headDelivered());
        if (handledNanos >= measureFromNanos) {
            handledMeasured++;
        }
        ring.pop();
    }

    // ---- cores

    /**
     * Runs {@code nanos} of CPU for entity {@code id} from {@code t} on its core: thread-level work waits for the
     * core (threads that share it run one after another, behind interrupt work); a shape's softirq poll runs as
     * interrupt work, preempting them.
     *
     * @return when it is done
     */
    private long cpu(int id, long t, long nanos) {
        if (nanos == 0) {
            return t;
        }
        int core = coreOf[id];
        if (shape && id < queues) {
            return irqWork(core, t, nanos);
        }
        long start = Math.max(t, Math.max(threadFree[core], irqFree[core]));
        long end = start + nanos;
        threadFree[core] = end;
        onCpu[id] = true;
        charge(start, nanos);
        return end;
    }

    /** @return whether entity {@code id} is a thread (a base consumer or a worker), not a softirq poll or a line */
    private boolean isThread(int id) {
        return id >= 2 * queues || (id < queues && !shape);
    }

    /** Interrupt work on {@code core}: it delays every thread-level segment in progress or queued there. */
    private long irqWork(int core, long t, long nanos) {
        if (nanos == 0) {
            return t;
        }
        long start = Math.max(t, irqFree[core]);
        long end = start + nanos;
        irqFree[core] = end;
        for (int id : threadsOnCore[core]) {
            if (onCpu[id]) {
                long at = events.timeOf(id);
                if (at != EventHeap.NONE && at > start) {
                    events.set(id, at + nanos);
                }
            }
        }
        if (threadFree[core] > start) {
            threadFree[core] += nanos;
        }
        return end;
    }

    private void charge(long t, long nanos) {
        if (t >= measureFromNanos) {
            cpuNanos += nanos;
        }
    }

    private void switches(long t, int count) {
        if (t >= measureFromNanos) {
            switches += count;
        }
    }

    // ---- what it counted

    /** @return descriptors the drivers read */
    public long read() {
        return read;
    }

    /** @return packets dropped because a worker's buffer was full (shapes) */
    public long socketFull() {
        return socketFull;
    }

    /** @return interrupts delivered to the host */
    public long interruptsDelivered() {
        return interruptsDelivered;
    }

    /** @return CPU of the consumer's threads in the measured window (a busy-poll core counts whole: see runner) */
    public long consumerCpuNanos() {
        return cpuNanos;
    }

    /** @return voluntary context switches (a thread going to sleep) in the measured window */
    public long contextSwitches() {
        return switches;
    }

    /** @return packets handled in the measured window */
    public long handledMeasured() {
        return handledMeasured;
    }

    /** @return whether the consumer is busy-poll (it spins on a core of its own the whole run) */
    public boolean spins() {
        return busyPoll;
    }

    /** @return the worker threads a shape runs (0 for a base consumer) */
    public int workers() {
        return workerCount;
    }

    /** The doorbell register as memory: what the host rang, read by the device in order. */
    private static final class MemoryDoorbells implements DoorbellSource {

        private static final int CAPACITY = 1 << 16;
        private final int[] queue = new int[CAPACITY];
        private final int[] kind = new int[CAPACITY];
        private final long[] consumedPacketId = new long[CAPACITY];
        private final long[] writtenNanos = new long[CAPACITY];
        private final DoorbellRecord record = new DoorbellRecord();
        private long head;
        private long tail;

        void ring(int q, int doorbellKind, long consumed, long nanos) {
            if (tail - head == CAPACITY) {
                throw new IllegalStateException("doorbells not read by the device: " + CAPACITY + " waiting");
            }
            int slot = (int) (tail & (CAPACITY - 1));
            queue[slot] = q;
            kind[slot] = doorbellKind;
            consumedPacketId[slot] = consumed;
            writtenNanos[slot] = nanos;
            tail++;
        }

        @Override
        public DoorbellRecord poll() {
            if (head == tail) {
                return null;
            }
            int slot = (int) (head & (CAPACITY - 1));
            record.queue = queue[slot];
            record.sequence = head;
            record.kind = kind[slot];
            record.consumedPacketId = consumedPacketId[slot];
            record.writtenNanos = writtenNanos[slot];
            head++;
            return record;
        }

        @Override
        public void close() {
            // memory
        }
    }
}
