package io.nicsim.host.handler;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.FlowTuples;
import io.vertx.core.Promise;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way every consumer calls a run's handler: the built-in work model ({@link WorkModelHandler}) or a user's.
 * Threads call {@link #handle} (a {@link PacketHandler} is called; an async-only handler is called and its completion
 * waited for: spun for by the busy-poll baseline, parked for by other threads, awaited by virtual-thread verticles);
 * event loops call {@link #start} with a slot of a {@link CallPool} (an {@link AsyncPacketHandler} is called and the
 * loop goes on; the packet is recorded when its completion comes, on whatever thread), or {@link #handle} inline for
 * a sync-only handler. A packet is recorded as handled when the handler returns or completes; one it fails counts as
 * a {@code handler-error} ({@link HandlerFaults}); one still in it when the run stops waiting ({@link #endRun()}) as a
 * {@code handler-timeout}.
 *
 * <p>A user's handler is guarded and metered (a compare-and-set on entry and exit, wall time, CPU time on one call in
 * {@link ThreadMeter#CPU_SAMPLE_EVERY}, allocated bytes: {@link #closeCosts}); the built-in model, which cannot fail or
 * stick, takes the bare path: its cost is the study's floor, so the adapter adds nothing to it but a view's three
 * fields. Nothing is allocated per packet on either path (a timer of {@code completeAfter} is the timer's own).
 */
public final class Handling {

    /** How long the runner waits for a completing thread to finish recording when it gives up on a run's calls. */
    private static final long SETTLE_NANOS = 100_000_000L;

    private final HandlerLifecycle handler;
    private final PacketHandler sync;
    private final AsyncPacketHandler async;
    private final boolean user;
    private final String className;
    private final HandlerSetting setting;
    private final LatencyRecorder recorder;
    private final NanoClock clock;
    private final FlowTuples tuples;
    /** Event loops call the async interface and never wait. */
    private final boolean asyncOnLoop;
    /** Threads and verticles call the async interface and wait for its completion. */
    private final boolean awaitAsync;
    private final RunHandlerContext context;
    private final HandlerFaults faults = new HandlerFaults();
    private final Queue<HandlerCall> calls = new ConcurrentLinkedQueue<>();
    private volatile boolean ended;
    private long[] costsAtOpen;
    private long costsOpenedNanos;

    /**
     * @param handler  the run's handler, not yet opened: a {@link WorkModelHandler}, or a user's (guarded, metered)
     * @param setting  where it is called
     * @param recorder where handled packets are recorded (for several writers when completions come on other threads:
     *                 {@link #completesOnOtherThreads})
     * @param tuples   the 5-tuple of each flow, for {@link io.nicsim.handler.Packet#bytes()}
     */
    public Handling(HandlerLifecycle handler, HandlerSetting setting, LatencyRecorder recorder, NanoClock clock,
                    FlowTuples tuples) {
        this.handler = handler;
        this.sync = handler instanceof PacketHandler p ? p : null;
        this.async = handler instanceof AsyncPacketHandler a ? a : null;
        if (sync == null && async == null) {
            throw new IllegalArgumentException(handler.getClass().getName() + " is not a packet handler");
        }
        this.user = !(handler instanceof WorkModelHandler);
        this.className = handler.getClass().getName();
        this.setting = setting;
        this.recorder = recorder;
        this.clock = clock;
        this.tuples = tuples;
        boolean atOnce = handler instanceof WorkModelHandler model && model.completesAtOnce();
        CallMode mode = setting.mode();
        boolean callsAsync = mode.callsAsync(sync != null, async != null) && !atOnce;
        this.asyncOnLoop = mode == CallMode.LOOP && callsAsync;
        this.awaitAsync = mode != CallMode.LOOP && callsAsync;
        this.context = new RunHandlerContext(setting, clock);
    }

    /** The built-in work model in {@code setting}, opened: for tests and tools that run consumers without a runner. */
    public static Handling model(long workNanos, long blockNanos, HandlerSetting setting, LatencyRecorder recorder,
                                 NanoClock clock, FlowTuples tuples) {
        Handling handling = new Handling(new WorkModelHandler(workNanos, blockNanos, clock), setting, recorder, clock,
                tuples);
        handling.open();
        return handling;
    }

    /**
     * @return whether handled packets may be recorded on threads other than the consumer's own (an async user handler
     *         on an event loop completes wherever it likes), so the recorder must take several writers
     */
    public static boolean completesOnOtherThreads(Class<?> handlerType, CallMode mode) {
        return mode == CallMode.LOOP && AsyncPacketHandler.class.isAssignableFrom(handlerType)
                && !WorkModelHandler.class.isAssignableFrom(handlerType);
    }

    FlowTuples tuples() {
        return tuples;
    }

    /** @return whether an event loop calls {@link #start} with pool slots (else {@link #handle} inline) */
    public boolean asyncOnLoop() {
        return asyncOnLoop;
    }

    /** @return {@code async} if packets are handled through {@link AsyncPacketHandler}, else {@code sync} */
    public String kind() {
        return asyncOnLoop || awaitAsync ? HandlerCosts.ASYNC : HandlerCosts.SYNC;
    }

    /** @return whether this is a user's handler (guarded and metered), not the built-in model */
    public boolean userHandler() {
        return user;
    }

    /** @return the handler's class name */
    public String className() {
        return className;
    }

    /** @return what went wrong in the handler so far */
    public HandlerFaults faults() {
        return faults;
    }

    /** A caller's own call (a thread's, a loop's inline calls), made once per thread. */
    public HandlerCall newCall() {
        HandlerCall call = new HandlerCall(this, null, 0);
        calls.add(call);
        return call;
    }

    /**
     * @param slots   packets in flight at once
     * @param onFreed run on the thread that gives a slot back, after it did (to resume draining)
     */
    public CallPool newPool(int slots, Runnable onFreed) {
        CallPool pool = new CallPool(this, slots, onFreed);
        for (HandlerCall call : pool.calls()) {
            calls.add(call);
        }
        return pool;
    }

    /**
     * Opens the handler (before the consumer starts).
     *
     * @throws IllegalStateException one line, if the handler's {@code open} threw: the run must not start
     */
    public void open() {
        try {
            handler.open(context);
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("host.handler: " + className + ".open failed: "
                    + HandlerSource.describe(e), e);
        }
    }

    /**
     * The driver's thread handles a descriptor it just read ({@link io.nicsim.host.rx.InlineDelivery}): as
     * {@link #handle}, but the built-in model gets the descriptor itself (nothing copied) and it is recorded from it,
     * as before the handler API; a user's handler gets it copied into {@code call}'s holder.
     */
    public void handleInline(HandlerCall call, DescriptorRecord descriptor, long packetWokenNanos, long raisedNanos,
                             long deliveredNanos) {
        if (!user && !awaitAsync) {
            try {
                sync.handle(call.view.bind(descriptor, raisedNanos, deliveredNanos, packetWokenNanos));
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
            recorder.record(descriptor, packetWokenNanos, clock.nanoTime(), raisedNanos, deliveredNanos);
            return;
        }
        handle(call, call.holder.set(descriptor, raisedNanos, deliveredNanos, packetWokenNanos), packetWokenNanos);
    }

    /**
     * Handles {@code packet} on the calling thread and returns when it is done (a thread, a verticle's virtual thread,
     * or an event loop with a sync-only handler): recorded as handled, or counted as failed.
     *
     * @param call             the caller's own call, or a slot it took
     * @param packet           the packet, valid until this returns
     * @param packetWokenNanos when the caller could first act on it
     */
    public void handle(HandlerCall call, Packet packet, long packetWokenNanos) {
        if (!user && !awaitAsync) {
            // the built-in model: cannot fail, cannot stick, costs nothing to meter
            try {
                sync.handle(call.view.bind(packet, packetWokenNanos));
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
            recorder.record(packet, packetWokenNanos, clock.nanoTime());
            return;
        }
        call.owner = Thread.currentThread();
        call.packet = packet;
        call.wokenNanos = packetWokenNanos;
        call.async = awaitAsync;
        call.awaited = awaitAsync;
        call.parks = setting.mode() != CallMode.VERTICLE;
        if (!call.enter()) {
            return; // the run stopped waiting: the packet stays in the application
        }
        HandlerPacket view = call.view.bind(packet, packetWokenNanos);
        if (awaitAsync) {
            callAndAwait(call, view);
        } else {
            callSync(call, view);
        }
    }

    private void callSync(HandlerCall call, HandlerPacket view) {
        CallCosts costs = call.costs;
        boolean sampleCpu = costs.countCall();
        Thread metered = ThreadMeter.meteredThread();
        long cpuBefore = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
        long allocatedBefore = ThreadMeter.allocatedBytes(metered);
        long ownBefore = view.ownAllocatedBytes();
        long startNanos = clock.nanoTime();
        Throwable error = null;
        try {
            sync.handle(view);
        } catch (Throwable t) {
            error = t;
        }
        long handledNanos = clock.nanoTime();
        long allocatedAfter = ThreadMeter.allocatedBytes(metered);
        long cpuAfter = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
        costs.add(CallCosts.WALL_NANOS, handledNanos - startNanos);
        costs.addMeasured(metered, ThreadMeter.meteredThread(), cpuBefore, cpuAfter, allocatedBefore, allocatedAfter,
                view.ownAllocatedBytes() - ownBefore);
        if (!call.exit()) {
            return; // given up on when the run stopped waiting: counted as a timeout already
        }
        if (error != null) {
            faults.error(error);
            recorder.recordFailed(call.packet, call.wokenNanos);
        } else {
            recorder.record(call.packet, call.wokenNanos, handledNanos);
        }
    }

    private void callAndAwait(HandlerCall call, HandlerPacket view) {
        CallCosts costs = call.costs;
        boolean sampleCpu = user && costs.countCall();
        Thread metered = user ? ThreadMeter.meteredThread() : null;
        long cpuBefore = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
        long allocatedBefore = user ? ThreadMeter.allocatedBytes(metered) : -1;
        long ownBefore = view.ownAllocatedBytes();
        call.startNanos = clock.nanoTime();
        try {
            async.handle(view, call.completion);
        } catch (Throwable t) {
            call.failure = t;
            call.state.compareAndSet(HandlerCall.IN, HandlerCall.FAILED); // unless it completed before it threw
        }
        if (user) {
            long allocatedAfter = ThreadMeter.allocatedBytes(metered);
            long cpuAfter = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
            costs.addMeasured(metered, ThreadMeter.meteredThread(), cpuBefore, cpuAfter, allocatedBefore,
                    allocatedAfter, view.ownAllocatedBytes() - ownBefore);
        }
        await(call);
        int state = call.state.get();
        if (state == HandlerCall.ABANDONED) {
            return;
        }
        long handledNanos = state == HandlerCall.COMPLETED ? call.handledNanos : clock.nanoTime();
        if (user) {
            costs.add(CallCosts.WALL_NANOS, handledNanos - call.startNanos);
        }
        Throwable failure = call.failure;
        call.failure = null;
        call.state.set(HandlerCall.IDLE);
        if (state == HandlerCall.COMPLETED) {
            recorder.record(call.packet, call.wokenNanos, handledNanos);
        } else {
            faults.error(failure);
            recorder.recordFailed(call.packet, call.wokenNanos);
        }
    }

    /** Waits until the call completed, failed or was given up on, the way the caller waits. */
    private void await(HandlerCall call) {
        if (call.state.get() != HandlerCall.IN) {
            return;
        }
        switch (setting.mode()) {
            case SPIN -> {
                while (call.state.get() == HandlerCall.IN) {
                    Thread.onSpinWait();
                }
            }
            case VERTICLE -> {
                Promise<Void> promise = Promise.promise();
                call.awaiting = promise;
                if (call.state.get() == HandlerCall.IN) {
                    promise.future().await();
                }
                call.awaiting = null;
                parkUntilSettled(call);
            }
            default -> parkUntilSettled(call);
        }
    }

    private static void parkUntilSettled(HandlerCall call) {
        while (call.state.get() == HandlerCall.IN) {
            LockSupport.park(call);
        }
    }

    /**
     * An event loop: starts handling the packet in {@code slot} (copied into {@link HandlerCall#holder()}) through
     * {@link AsyncPacketHandler} and returns at once. The slot goes back to its pool when the packet completes or
     * fails, on the thread that says so.
     */
    public void start(HandlerCall slot, long packetWokenNanos) {
        slot.owner = Thread.currentThread();
        slot.packet = slot.holder;
        slot.wokenNanos = packetWokenNanos;
        slot.async = true;
        slot.awaited = false;
        slot.parks = false;
        if (!slot.enter()) {
            return; // the run stopped waiting: the slot stays taken, the packet in the application
        }
        CallCosts costs = slot.costs;
        boolean sampleCpu = user && costs.countCall();
        Thread metered = user ? ThreadMeter.meteredThread() : null;
        long cpuBefore = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
        long allocatedBefore = user ? ThreadMeter.allocatedBytes(metered) : -1;
        HandlerPacket view = slot.view.bind(slot.holder, packetWokenNanos);
        long ownBefore = view.ownAllocatedBytes();
        slot.startNanos = clock.nanoTime();
        try {
            async.handle(view, slot.completion);
        } catch (Throwable t) {
            failed(slot, t); // unless it completed before it threw
        }
        if (user) {
            long allocatedAfter = ThreadMeter.allocatedBytes(metered);
            long cpuAfter = sampleCpu ? ThreadMeter.cpuNanos(metered) : -1;
            costs.addMeasured(metered, ThreadMeter.meteredThread(), cpuBefore, cpuAfter, allocatedBefore,
                    allocatedAfter, view.ownAllocatedBytes() - ownBefore);
        }
    }

    /** Any thread: {@code call}'s completion completed. */
    void completed(HandlerCall call) {
        long handledNanos = clock.nanoTime();
        call.handledNanos = handledNanos;
        if (!call.state.compareAndSet(HandlerCall.IN, HandlerCall.COMPLETED)) {
            return; // given up on, or completed twice
        }
        if (call.awaited) {
            call.wakeOwner();
            return;
        }
        if (user) {
            call.costs.add(CallCosts.WALL_NANOS, handledNanos - call.startNanos);
        }
        recorder.record(call.packet, call.wokenNanos, handledNanos);
        call.state.set(HandlerCall.IDLE);
        call.pool().release(call);
    }

    /** Any thread: {@code call} failed, through its completion or by throwing. */
    void failed(HandlerCall call, Throwable error) {
        call.failure = error;
        if (!call.state.compareAndSet(HandlerCall.IN, HandlerCall.FAILED)) {
            return;
        }
        if (call.awaited) {
            call.wakeOwner();
            return;
        }
        if (user) {
            call.costs.add(CallCosts.WALL_NANOS, clock.nanoTime() - call.startNanos);
        }
        call.failure = null;
        faults.error(error);
        call.state.set(HandlerCall.IDLE);
        call.pool().release(call);
    }

    /**
     * The runner, when it stops waiting for the run's packets (drained, or its drain timeout ended): a user's handler
     * gets no more packets, and each packet still in it is given up on as a {@code handler-timeout}, with the thread
     * that holds it and where it stands (its top frame in the handler's class) or a completion that never came. Once;
     * the built-in model is left alone (it cannot stick).
     */
    public void endRun() {
        if (!user || ended) {
            return;
        }
        ended = true;
        for (HandlerCall call : calls) {
            end(call);
        }
    }

    private void end(HandlerCall call) {
        long settleDeadline = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            int state = call.state.get();
            if (state == HandlerCall.IDLE && call.state.compareAndSet(HandlerCall.IDLE, HandlerCall.CLOSED)) {
                return;
            }
            if (state == HandlerCall.IN && call.state.compareAndSet(HandlerCall.IN, HandlerCall.ABANDONED)) {
                giveUp(call);
                return;
            }
            if (state == HandlerCall.CLOSED || state == HandlerCall.ABANDONED
                    || System.nanoTime() > settleDeadline) {
                return;
            }
            Thread.onSpinWait(); // completed or failed: its thread is recording it
        }
    }

    private void giveUp(HandlerCall call) {
        Thread owner = call.owner;
        String where = owner == null || call.async && !call.awaited ? null : StuckFrames.where(owner, className,
                !call.async);
        if (where != null) {
            faults.stuck(where);
        } else {
            faults.completionNeverCame();
        }
        if (call.awaited) {
            call.wakeOwner();
        }
    }

    /** @return whether {@link #endRun()} left a thread inside the handler: consumers then stop without waiting long */
    public boolean anyThreadStuck() {
        return faults.anyThreadStuck();
    }

    /** Closes the handler (after the consumer stopped) and its timer; what {@code close()} throws is reported. */
    public void close() {
        context.close();
        try {
            handler.close();
        } catch (Exception | LinkageError e) {
            faults.closeFailed(HandlerSource.describe(e));
        }
    }

    /** The runner, when the measured window opens: what the handler costs is counted from here. */
    public void openCosts() {
        costsAtOpen = sumCosts();
        costsOpenedNanos = clock.nanoTime();
    }

    /**
     * The runner, when the measured window closes.
     *
     * @return what a user's handler cost per packet over the window, or null for the built-in model or a window never
     *         opened
     */
    public HandlerCosts closeCosts() {
        if (!user || costsAtOpen == null) {
            return null;
        }
        long[] now = sumCosts();
        long[] d = new long[CallCosts.SUMS];
        for (int i = 0; i < d.length; i++) {
            d[i] = now[i] - costsAtOpen[i];
        }
        double seconds = Math.max(1, clock.nanoTime() - costsOpenedNanos) / 1e9;
        double calls = d[CallCosts.CALLS];
        double cpu = d[CallCosts.CPU_SAMPLES] > 0 ? (double) d[CallCosts.CPU_NANOS] / d[CallCosts.CPU_SAMPLES]
                : Double.NaN;
        double wall = calls > 0 ? d[CallCosts.WALL_NANOS] / calls : Double.NaN;
        double allocated = d[CallCosts.ALLOCATION_SAMPLES] > 0
                ? (double) d[CallCosts.ALLOCATED_BYTES] / d[CallCosts.ALLOCATION_SAMPLES] : Double.NaN;
        return new HandlerCosts(className, kind(), d[CallCosts.CALLS], cpu,
                Double.isNaN(cpu) ? Double.NaN : Math.max(0, wall - cpu), allocated, allocated * calls / seconds,
                ThreadMeter.CPU_SAMPLE_EVERY, HandlerCosts.BY_RUN);
    }

    private long[] sumCosts() {
        long[] totals = new long[CallCosts.SUMS];
        for (HandlerCall call : calls) {
            call.costs.addTo(totals);
        }
        return totals;
    }
}
