package io.nicsim.host.shape;

import io.nicsim.host.handoff.LoopCompletions;
import io.nicsim.host.handoff.Mailbox;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.Priorities;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.TrafficClasses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vert.x with {@code workers} verticles, one per queue: with several RX queues verticle {@code q % workers} serves
 * RX queue {@code q}; with one, each serves the flows the driver steers to it ({@code flow % workers}, as receive
 * packet steering spreads flows over CPUs). The driver
 * ({@link SoftirqPoll}) puts each packet in its verticle's high- or low-priority {@link Mailbox} and, if the
 * verticle is idle, queues one drain task on its context. Two threading models:
 * <ul>
 *   <li>{@link #EVENT_LOOPS}: one event loop per verticle; a handler never blocks, its wait is a timer
 *   ({@link LoopCompletions}) and the loop handles other packets meanwhile. Few threads and little memory per
 *   waiting packet, but one slow handler's CPU work delays every packet on its loop.</li>
 *   <li>{@link #VIRTUAL_VERTICLES}: verticles deployed with {@link ThreadingModel#VIRTUAL_THREAD}; each packet is
 *   a task on a virtual thread that may block with {@code await}, interleaved with the verticle's other tasks.
 *   Blocking code reads as straight-line code, for a virtual thread per packet and two schedulers.</li>
 * </ul>
 * Both serve each verticle's high-priority mailbox first.
 */
public final class EventLoopsConsumer extends DispatchingConsumer {

    public static final String EVENT_LOOPS = "event-loops";
    public static final String VIRTUAL_VERTICLES = "virtual-thread-verticles";
    private static final long START_STOP_TIMEOUT_SECONDS = 30;
    /** Packets one drain task handles before it lets the loop's other tasks run. */
    private static final int DRAIN_BATCH = 64;

    private final String name;
    private final boolean virtual;
    private final ConsumerContext context;
    private final NanoClock clock;
    private final LatencyRecorder recorder;
    private final PacketHandler handler;
    private final RxCounters counters;
    private final QueueVerticle[] verticles;
    /** With several RX queues, verticle {@code q % workers} serves RX queue {@code q}; with one, flows are steered. */
    private final boolean byRxQueue;
    private Vertx vertx;

    private EventLoopsConsumer(String name, boolean virtual, List<ConsumerContext> contexts) {
        super(contexts);
        ConsumerContext context = contexts.get(0);
        this.name = name;
        this.byRxQueue = contexts.size() > 1;
        this.virtual = virtual;
        this.context = context;
        this.clock = context.clock();
        this.recorder = context.recorder();
        this.handler = context.handler();
        this.counters = context.counters();
        this.verticles = new QueueVerticle[context.shape().workers()];
    }

    /** @param contexts one per RX queue served */
    public static EventLoopsConsumer eventLoops(List<ConsumerContext> contexts) {
        return new EventLoopsConsumer(EVENT_LOOPS, false, contexts);
    }

    /** @param contexts one per RX queue served */
    public static EventLoopsConsumer virtualVerticles(List<ConsumerContext> contexts) {
        return new EventLoopsConsumer(VIRTUAL_VERTICLES, true, contexts);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String waitsBy() {
        return virtual ? "virtual-thread verticles (" + verticles.length + ")" : "event loops (" + verticles.length
                + ")";
    }

    @Override
    public String threadName() {
        return virtual ? "vert.x-virtual-thread" : "vert.x-eventloop-thread-0";
    }

    @Override
    public List<String> costThreadPrefixes() {
        return virtual ? List.of("ForkJoinPool-", "vert.x-virtual-thread") : List.of("vert.x-eventloop-thread-");
    }

    @Override
    public String priority() {
        return Priorities.LOOP_QUEUES;
    }

    @Override
    public void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(verticles.length).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        DeploymentOptions options = new DeploymentOptions()
                .setThreadingModel(virtual ? ThreadingModel.VIRTUAL_THREAD : ThreadingModel.EVENT_LOOP);
        for (int i = 0; i < verticles.length; i++) {
            verticles[i] = new QueueVerticle();
            vertx.deployVerticle(verticles[i], options).toCompletionStage().toCompletableFuture()
                    .get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private int shapeSlots() {
        return context.shape().socketSlots();
    }

    /** Driver thread: into the packet's verticle's mailbox of its class; wake the verticle if it is idle. */
    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        QueueVerticle verticle = verticles[Math.floorMod(byRxQueue ? descriptor.queue : descriptor.flow,
                verticles.length)];
        Mailbox mailbox = descriptor.trafficClass == TrafficClasses.HIGH ? verticle.high : verticle.low;
        if (mailbox.offer(descriptor, raisedNanos, deliveredNanos, clock.nanoTime())) {
            verticle.schedule();
        } else {
            counters.addSocketFull();
        }
    }

    @Override
    public void stop() throws Exception {
        for (QueueVerticle verticle : verticles) {
            if (verticle != null) {
                verticle.stopped = true;
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** One queue's verticle: its two mailboxes, drained on its context. */
    private final class QueueVerticle extends VerticleBase {

        final Mailbox high = new Mailbox(shapeSlots());
        final Mailbox low = new Mailbox(shapeSlots());
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final Handler<Void> drainTask = ignored -> drain();
        private volatile boolean stopped;
        private LoopCompletions completions;

        @Override
        public Future<?> start() {
            if (!virtual && handler.blockNanos() > 0) {
                completions = new LoopCompletions(shapeSlots(), handler.blockNanos(), vertx,
                        recorder, clock, this::schedule);
            }
            return Future.succeededFuture();
        }

        /** Any thread: make sure a drain task is queued (one at a time). */
        void schedule() {
            if (!scheduled.get() && !scheduled.getAndSet(true)) {
                context.runOnContext(drainTask);
            }
        }

        private Packet next() {
            Packet packet = high.peek();
            if (packet != null) {
                return packet;
            }
            return low.peek();
        }

        private void advance(Packet packet) {
            (packet.trafficClass == TrafficClasses.HIGH ? high : low).advance();
        }

        private void drain() {
            scheduled.set(false);
            if (stopped) {
                return;
            }
            if (virtual) {
                drainOneOnVirtualThread();
                return;
            }
            long wokenNanos = clock.nanoTime();
            for (int handled = 0; handled < DRAIN_BATCH; handled++) {
                if (completions != null && completions.free() == 0) {
                    return; // a completion reschedules the drain
                }
                Packet packet = next();
                if (packet == null) {
                    return;
                }
                long packetWokenNanos = packet.wokenAt(wokenNanos, clock.nanoTime());
                handler.work();
                if (completions != null) {
                    completions.start(packet, packetWokenNanos);
                } else {
                    recorder.record(packet, packetWokenNanos, clock.nanoTime());
                }
                advance(packet);
            }
            schedule(); // more may wait: let the loop's other tasks run first
        }

        /** On a virtual thread: take one packet, fan the rest out to another task, handle it, blocking if asked. */
        private void drainOneOnVirtualThread() {
            long wokenNanos = clock.nanoTime();
            Packet slot = next();
            if (slot == null) {
                return;
            }
            long packetWokenNanos = slot.wokenAt(wokenNanos, clock.nanoTime());
            Packet packet = new Packet().set(slot);
            advance(slot);
            if (!high.isEmpty() || !low.isEmpty()) {
                schedule();
            }
            handler.work();
            if (handler.blockNanos() > 0) {
                vertx.timer(handler.blockNanos(), TimeUnit.NANOSECONDS).await();
            }
            recorder.record(packet, packetWokenNanos, clock.nanoTime());
        }

        @Override
        public Future<?> stop() {
            stopped = true;
            return Future.succeededFuture();
        }
    }
}
