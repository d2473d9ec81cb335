package io.nicsim.bench.run.virtual;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.Consumers;
import io.nicsim.host.consumer.ShapeConfig;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.handler.CallMode;
import io.nicsim.host.handler.HandlerSetting;
import io.nicsim.host.handler.HandlerSource;
import io.nicsim.host.handler.RunHandlerContext;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a user's handler costs per packet, measured before a virtual-time run so the host model can charge it: the
 * handler runs on synthetic packets ({@link ProbePacket}) on a platform thread of its own, {@value #WARMUP_CALLS}
 * calls unmeasured (at most {@link #WARMUP_CAP}) for the JIT compiler, then {@value #CALLS} measured calls (at most
 * {@link #CAP}), one at a time; an asynchronous handler's completion is waited for before the next call. The thread's
 * CPU time, wall time and allocated bytes ({@code com.sun.management.ThreadMXBean}) over the measured calls give the
 * means per packet: CPU, blocked (wall minus CPU) and allocation. Trade-off: a mean on one uncontended thread, cheap
 * and deterministic for the model, but blind to the distribution of a handler's cost and to what threads calling it
 * at once do to each other.
 *
 * <p>A handler source's figures are kept for the runs of that source (one command: a sweep's or a tune's virtual runs
 * all charge the same figures, so they stay comparable); a new source probes again.
 */
public final class HandlerProbe {

    /** Unmeasured calls first, for the JIT compiler. */
    public static final int WARMUP_CALLS = 2_000;
    /** Measured calls. */
    public static final int CALLS = 20_000;
    /** The most the unmeasured calls take: a slow handler gets fewer. */
    public static final Duration WARMUP_CAP = Duration.ofMillis(250);
    /** The most the measured calls take: a slow handler gets fewer (at least one). */
    public static final Duration CAP = Duration.ofSeconds(1);
    /** A call (or open, close) that has not returned or completed after this long is taken as stuck for good. */
    public static final Duration STUCK = Duration.ofSeconds(10);
    private static final String KEY = "host.handler";
    /** Not in a call of the handler's. */
    private static final long IDLE = Long.MIN_VALUE;
    private static final long WATCH_MILLIS = 20;

    /** The latest source of each handler class and its figures by where they were measured. */
    private static final ClassValue<Memo> MEASURED = new ClassValue<>() {
        @Override
        protected Memo computeValue(Class<?> type) {
            return new Memo();
        }
    };

    /**
     * Where the figures are for: what the handler is told ({@link RunHandlerContext}) and the packets it gets.
     *
     * @param consumer   the run's consumer (an event loop or not: how an asynchronous handler is called)
     * @param queues     RX queues (each packet's queue, by RSS over its flow)
     * @param flows      flows the packets take turns over
     * @param frameBytes each frame's length, FCS excluded
     */
    public record Where(String consumer, int queues, int flows, int frameBytes) {

        /** Ethernet's frame check sequence, which {@code traffic.frameBytes} counts and a handler never sees. */
        static final int FCS_BYTES = 4;

        /** @return where a virtual run of {@code scenario} with {@code consumer} calls its handler */
        public static Where of(Scenario scenario, String consumer) {
            return new Where(consumer, scenario.nic().queues(), scenario.traffic().flows(),
                    Math.max(1, scenario.traffic().frameBytes() - FCS_BYTES));
        }

        /** @return how the consumer calls its handler (which interface, whether on an event loop) */
        CallMode mode() {
            return Consumers.handlerSetting(consumer, ShapeConfig.DEFAULTS, queues).mode();
        }
    }

    /** How many calls, and how long each part and one call may take. */
    record Limits(int warmupCalls, long warmupCapNanos, int calls, long capNanos, long stuckNanos) {
        static final Limits DEFAULT = new Limits(WARMUP_CALLS, WARMUP_CAP.toNanos(), CALLS, CAP.toNanos(),
                STUCK.toNanos());
    }

    private HandlerProbe() {
    }

    /**
     * @return what {@code source}'s handler costs per packet at {@code where}, measured by the probe the first time
     *         this source asks for it ({@link HandlerCosts#BY_PROBE})
     * @throws IllegalStateException one line: the handler's open failed, a call did not return or complete within
     *                               {@link #STUCK}, or every measured call failed
     */
    public static HandlerCosts measured(HandlerSource source, Where where) {
        Memo memo = MEASURED.get(source.type());
        synchronized (memo) { // one probe at a time: parallel virtual runs wait for the figures instead of competing
            if (memo.source.get() != source) {
                memo.source = new WeakReference<>(source);
                memo.figures.clear();
            }
            HandlerCosts figures = memo.figures.get(where);
            if (figures == null) {
                figures = measure(source, where, Limits.DEFAULT);
                memo.figures.put(where, figures);
            }
            return figures;
        }
    }

    /** A handler class's latest source and its figures. */
    private static final class Memo {
        private WeakReference<HandlerSource> source = new WeakReference<>(null);
        private final Map<Where, HandlerCosts> figures = new HashMap<>();
    }

    /** Probes once, on a thread of its own, watched for a call that never ends. */
    static HandlerCosts measure(HandlerSource source, Where where, Limits limits) {
        Probe probe = new Probe(source, where, limits);
        Thread thread = Thread.ofPlatform().name("nicsim-handler-probe").daemon(true).unstarted(probe);
        thread.start();
        try {
            while (!thread.join(Duration.ofMillis(WATCH_MILLIS))) {
                String step = probe.step; // read first: the probe writes its step before its start
                long started = probe.startedNanos;
                if (started != IDLE && System.nanoTime() - started > limits.stuckNanos()) {
                    // named before the interrupt, which may free the call and let the probe move on to close
                    String stuck = String.format(Locale.ROOT, "%s: %s's %s has not %s after %d ms in the"
                            + " virtual-time probe: a handler stuck for good cannot be modelled", KEY,
                            source.className(), step, probe.async ? "completed" : "returned",
                            limits.stuckNanos() / 1_000_000);
                    thread.interrupt(); // it may not listen: the thread is a daemon, left to end on its own
                    throw new IllegalStateException(stuck);
                }
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(KEY + ": interrupted while probing " + source.className(), e);
        }
        if (probe.failure instanceof IllegalStateException stated) {
            throw stated;
        }
        if (probe.failure != null) {
            throw new IllegalStateException(KEY + ": " + source.className() + " failed in the virtual-time probe: "
                    + HandlerSource.describe(probe.failure), probe.failure);
        }
        return probe.costs;
    }

    /**
     * A sync handler on an event loop holds the loop while it blocks, as busy as if it worked: its blocked time
     * counts as work there. Everywhere else, blocked time is the model's blocking wait (a thread parks, an event
     * loop waits for an async handler's completion, busy-poll spins).
     *
     * @return the per-packet CPU the host model charges for {@code costs} on {@code consumer}
     */
    public static long workNanos(HandlerCosts costs, String consumer) {
        long cpu = Math.round(costs.cpuNanosPerPacket());
        return holdsLoop(costs, consumer) ? cpu + Math.round(costs.blockedNanosPerPacket()) : cpu;
    }

    /** @return the per-packet blocking wait the host model charges (see {@link #workNanos}) */
    public static long blockNanos(HandlerCosts costs, String consumer) {
        return holdsLoop(costs, consumer) ? 0 : Math.round(costs.blockedNanosPerPacket());
    }

    private static boolean holdsLoop(HandlerCosts costs, String consumer) {
        return HandlerCosts.SYNC.equals(costs.kind())
                && Consumers.handlerSetting(consumer, ShapeConfig.DEFAULTS, 1).mode().onEventLoop();
    }

    /** @return the probe's figures with the allocation rate of a run that handled {@code packets} in its window */
    public static HandlerCosts overRun(HandlerCosts probed, long packets, long measuredNanos) {
        double perSecond = measuredNanos > 0 ? probed.allocatedBytesPerPacket() * packets * 1e9 / measuredNanos : 0;
        return new HandlerCosts(probed.className(), probed.kind(), probed.calls(), probed.cpuNanosPerPacket(),
                probed.blockedNanosPerPacket(), probed.allocatedBytesPerPacket(), perSecond,
                probed.cpuSampledEvery(), probed.measuredBy());
    }

    /** The probe's thread: makes and opens a handler, calls it, measures, closes it. */
    private static final class Probe implements Runnable {

        private final HandlerSource source;
        private final Where where;
        private final Limits limits;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private volatile long startedNanos = IDLE;
        private volatile String step = "open";
        private volatile boolean async;
        private HandlerCosts costs;
        private Throwable failure;
        private long failures;
        private Throwable firstFailure;

        Probe(HandlerSource source, Where where, Limits limits) {
            this.source = source;
            this.where = where;
            this.limits = limits;
        }

        @Override
        public void run() {
            try {
                costs = probe();
            } catch (Throwable e) {
                failure = e;
            }
        }

        private HandlerCosts probe() throws Exception {
            HandlerLifecycle handler = source.newHandler(KEY);
            CallMode mode = where.mode();
            async = mode.callsAsync(handler instanceof PacketHandler, handler instanceof AsyncPacketHandler);
            // one thread: the probe calls the handler from its own
            RunHandlerContext context = new RunHandlerContext(new HandlerSetting(where.consumer(), mode, 1,
                    where.queues()), System::nanoTime);
            try {
                enter("open");
                try {
                    handler.open(context);
                } catch (Exception e) {
                    throw new IllegalStateException(KEY + ": " + source.className() + ".open failed in the"
                            + " virtual-time probe: " + HandlerSource.describe(e), e);
                }
                ProbePacket packet = new ProbePacket(where.frameBytes(), where.flows(), where.queues());
                ProbeCompletion completion = new ProbeCompletion(Thread.currentThread());
                enter("handle");
                long id = 0;
                long warmupEnd = System.nanoTime() + limits.warmupCapNanos();
                for (int i = 0; i < limits.warmupCalls() && System.nanoTime() < warmupEnd; i++) {
                    call(handler, packet, completion, id++);
                }
                failures = 0;
                firstFailure = null;
                HandlerCosts measured = measureCalls(handler, packet, completion, id);
                enter("close");
                try {
                    handler.close();
                } catch (Exception e) {
                    // as in a run: reported by nothing here, the figures stand
                }
                startedNanos = IDLE;
                return measured;
            } finally {
                context.close();
            }
        }

        private HandlerCosts measureCalls(HandlerLifecycle handler, ProbePacket packet, ProbeCompletion completion,
                                          long firstId) throws InterruptedException {
            if (!threads.isCurrentThreadCpuTimeSupported()) {
                throw new IllegalStateException(KEY + ": this JVM cannot measure a thread's CPU time, which the"
                        + " virtual-time probe needs");
            }
            boolean allocation = threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
            long calls = 0;
            long allocated0 = allocation ? threads.getCurrentThreadAllocatedBytes() : 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long end = wall0 + limits.capNanos();
            do {
                call(handler, packet, completion, firstId + calls);
                calls++;
            } while (calls < limits.calls() && System.nanoTime() < end);
            long wall = System.nanoTime() - wall0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            double allocatedPerPacket = allocation
                    ? (double) (threads.getCurrentThreadAllocatedBytes() - allocated0) / calls : Double.NaN;
            if (failures == calls) {
                throw new IllegalStateException(KEY + ": every one of the virtual-time probe's " + calls + " calls of "
                        + source.className() + " failed (the first: " + HandlerSource.describe(firstFailure)
                        + "): there is no handling to model");
            }
            double cpuPerPacket = (double) cpu / calls;
            double blockedPerPacket = Math.max(0, (double) wall / calls - cpuPerPacket);
            double perSecond = allocation && wall > 0 ? allocatedPerPacket * calls * 1e9 / wall : Double.NaN;
            return new HandlerCosts(source.className(), async ? HandlerCosts.ASYNC : HandlerCosts.SYNC, calls,
                    cpuPerPacket, blockedPerPacket, allocatedPerPacket, perSecond, 1, HandlerCosts.BY_PROBE);
        }

        /** One packet, handled: returned, or completed or failed when asynchronous. */
        private void call(HandlerLifecycle handler, ProbePacket packet, ProbeCompletion completion, long id)
                throws InterruptedException {
            long now = System.nanoTime();
            packet.next(id, now);
            startedNanos = now;
            Throwable error = null;
            if (async) {
                completion.arm();
                try {
                    ((AsyncPacketHandler) handler).handle(packet, completion);
                } catch (Exception e) {
                    completion.fail(e);
                }
                error = completion.await();
            } else {
                try {
                    ((PacketHandler) handler).handle(packet);
                } catch (Exception e) {
                    error = e;
                }
            }
            if (error != null && failures++ == 0) {
                firstFailure = error;
            }
        }

        private void enter(String what) {
            step = what;
            startedNanos = System.nanoTime();
        }
    }
}
