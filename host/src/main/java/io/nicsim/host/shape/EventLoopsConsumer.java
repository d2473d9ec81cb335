package io.nicsim.host.shape;

import io.nicsim.host.handoff.Mailbox;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.Priorities;
import io.nicsim.host.consumer.StopWait;
import io.nicsim.host.handler.CallPool;
import io.nicsim.host.handler.HandlerCall;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.measure.Packet;
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
 *   <li>{@link #EVENT_LOOPS}: one event loop per verticle; an asynchronous handler never blocks it: each packet
 *   takes a slot of the verticle's {@link CallPool} until its completion comes (the built-in model's wait: a Vert.x
 *   timer) and the loop handles other packets meanwhile; a full pool stops the drain until a slot frees. Few threads
 *   and little memory per waiting packet, but one slow handler's CPU work delays every packet on its loop.</li>
 *   <li>{@link #VIRTUAL_VERTICLES}: verticles deployed with {@link ThreadingModel#VIRTUAL_THREAD}; each packet is
 *   a task on a virtual thread that takes a slot and may block: an asynchronous handler is awaited ({@code await},
 *   interleaved with the verticle's other tasks), a sync-only one blocks the task. Blocking code reads as
 *   straight-line code, for a virtual thread per packet and two schedulers.</li>
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
    private final Handling handling;
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
        this.handling = context.handling();
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
        StopWait.close(vertx, handling);
    }

    /** One queue's verticle: its two mailboxes, drained on its context. */
    private final class QueueVerticle extends VerticleBase {

        final Mailbox high = new Mailbox(shapeSlots());
        final Mailbox low = new Mailbox(shapeSlots());
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final Handler<Void> drainTask = ignored -> drain();
        private volatile boolean stopped;
        /** Packets in flight: waiting for their completions (an event loop's async calls), or a verticle's tasks. */
        private CallPool slots;
        /** The loop's own call, for a sync-only handler run inline. */
        private HandlerCall inline;

        @Override
        public Future<?> start() {
            if (virtual || handling.asyncOnLoop()) {
                slots = handling.newPool(shapeSlots(), this::resume);
            }
            inline = handling.newCall();
            return Future.succeededFuture();
        }

        /**
         * Any thread, after a slot came back: drain again if packets wait (a drain that found no free slot left them);
         * a packet that comes later schedules its own drain.
         */
        private void resume() {
            if (!high.isEmpty() || !low.isEmpty()) {
                schedule();
            }
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
                Packet packet = next();
                if (packet == null) {
                    return;
                }
                long packetWokenNanos = packet.wokenAt(wokenNanos, clock.nanoTime());
                if (slots != null) {
                    HandlerCall slot = slots.acquire();
                    if (slot == null) {
                        return; // a completion frees a slot and reschedules the drain
                    }
                    slot.holder().set(packet);
                    advance(packet);
                    handling.start(slot, packetWokenNanos);
                } else {
                    handling.handle(inline, packet, packetWokenNanos);
                    advance(packet);
                }
            }
            schedule(); // more may wait: let the loop's other tasks run first
        }

        /** On a virtual thread: take one packet, fan the rest out to another task, handle it, blocking if asked. */
        private void drainOneOnVirtualThread() {
            long wokenNanos = clock.nanoTime();
            Packet next = next();
            if (next == null) {
                return;
            }
            HandlerCall slot = slots.acquire();
            if (slot == null) {
                return; // a finished task frees a slot and reschedules the drain
            }
            long packetWokenNanos = next.wokenAt(wokenNanos, clock.nanoTime());
            Packet packet = slot.holder().set(next);
            advance(next);
            if (!high.isEmpty() || !low.isEmpty()) {
                schedule();
            }
            try {
                handling.handle(slot, packet, packetWokenNanos);
            } finally {
                slots.release(slot);
            }
        }

        @Override
        public Future<?> stop() {
            stopped = true;
            return Future.succeededFuture();
        }
    }
}
