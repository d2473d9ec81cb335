package io.nicsim.host.consumer;

import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.handler.CallPool;
import io.nicsim.host.handler.HandlerCall;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.host.rx.RxQueue;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Vert.x 5 verticle on one event loop, woken the way Vert.x is woken from a foreign thread:
 * {@link Context#runOnContext} queues a task and, if the loop sleeps in its selector, wakes it. One thread
 * serves many queues without a thread each, at the price of a task hand-off per wake-up and of no handler
 * ever being allowed to block. The driver policy runs as loop tasks: "poll again" re-queues itself (other
 * tasks get their turn, as a softirq re-raises), timed sleeps are Vert.x timers, whose granularity is one
 * millisecond; sleeps shorter than {@link ParkingConsumer#SPIN_BELOW_NANOS} re-queue a task until the deadline
 * instead (a busy wait that still lets other tasks run, as DPDK's {@code rte_delay_us} busy-waits). An asynchronous
 * handler (the built-in model when it waits, {@code host.handlerBlockNanos}) never blocks the loop: each packet takes a
 * slot of a {@link CallPool} until its completion comes (the model's: a Vert.x timer) and the loop polls on
 * meanwhile, taking at most as many packets as there are free slots; a sync-only handler runs inline on the loop.
 */
public final class EventLoopConsumer implements Consumer {

    /** Name in scenario files and output. */
    public static final String NAME = "event-loop";

    private static final long START_STOP_TIMEOUT_SECONDS = 30;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final ConsumerContext context;
    private final DriverPolicy driver;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Handler<Void> interruptTask = ignored -> onInterruptOnLoop();
    private final Handler<Void> pollNowTask = ignored -> pollStep(RxQueue.NOT_WOKEN);
    private final Handler<Long> timerTask = ignored -> onTimerOnLoop();
    private final Handler<Void> spinTask = ignored -> spinUntilDeadline();
    private Vertx vertx;
    private RxVerticle verticle;
    private Runnable onLoopThread = NO_TASK;

    // Event-loop thread only.
    private boolean waitingForInterrupt;
    private boolean armedUntil;
    private long timerId = -1;
    private long spinDeadlineNanos;

    public EventLoopConsumer(ConsumerContext context) {
        this.context = context;
        this.driver = context.driver();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String waitsBy() {
        return "event-loop";
    }

    @Override
    public String threadName() {
        return verticle == null ? "vert.x-eventloop" : verticle.threadName;
    }

    @Override
    public java.util.List<String> costThreadPrefixes() {
        return java.util.List.of("vert.x-eventloop-thread-");
    }

    @Override
    public String whyNoOwnThread() {
        return null; // the one event loop of its own Vert.x instance
    }

    @Override
    public void start() throws Exception {
        start(NO_TASK);
    }

    @Override
    public void start(Runnable onOwnThread) throws Exception {
        onLoopThread = onOwnThread;
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        verticle = new RxVerticle();
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
                .get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void onInterrupt() {
        if (!scheduled.getAndSet(true)) {
            verticle.loopContext().runOnContext(interruptTask);
        }
    }

    private void onInterruptOnLoop() {
        scheduled.set(false);
        if (!waitingForInterrupt || verticle.stopped) {
            return; // already polling: the poll will see the packets
        }
        long wokenNanos = context.clock().nanoTime();
        endWait();
        driver.onInterrupt(wokenNanos);
        pollStep(wokenNanos);
    }

    private void onTimerOnLoop() {
        timerId = -1;
        if (verticle.stopped) {
            return;
        }
        if (waitingForInterrupt) {
            endWait(); // REARM_AND_WAIT_INTERRUPT_UNTIL timed out
        }
        pollStep(context.clock().nanoTime());
    }

    private void endWait() {
        waitingForInterrupt = false;
        if (armedUntil) {
            armedUntil = false;
            verticle.rx.disarm();
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
        }
    }

    private void pollStep(long wokenNanos) {
        if (verticle.stopped) {
            return;
        }
        RxQueue rx = verticle.rx;
        CallPool slots = verticle.slots;
        int budget = slots == null ? driver.budget() : Math.min(driver.budget(), slots.free());
        int packets = rx.poll(budget, wokenNanos);
        switch (driver.afterPoll(packets, context.clock().nanoTime())) {
            case POLL_NOW -> verticle.loopContext().runOnContext(pollNowTask);
            case POLL_AT -> sleepUntil(driver.wakeAtNanos());
            case WAIT_INTERRUPT -> waitingForInterrupt = true;
            case REARM_AND_WAIT_INTERRUPT -> {
                rx.rearm();
                waitingForInterrupt = true;
            }
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                rx.rearm();
                waitingForInterrupt = true;
                armedUntil = true;
                timerId = vertx.setTimer(delayMillis(driver.wakeAtNanos()), timerTask);
            }
        }
    }

    private void sleepUntil(long deadlineNanos) {
        if (deadlineNanos - context.clock().nanoTime() < ParkingConsumer.SPIN_BELOW_NANOS) {
            spinDeadlineNanos = deadlineNanos;
            verticle.loopContext().runOnContext(spinTask);
        } else {
            timerId = vertx.setTimer(delayMillis(deadlineNanos), timerTask);
        }
    }

    private void spinUntilDeadline() {
        if (verticle.stopped) {
            return;
        }
        long now = context.clock().nanoTime();
        if (now < spinDeadlineNanos) {
            verticle.loopContext().runOnContext(spinTask);
        } else {
            pollStep(now);
        }
    }

    private long delayMillis(long deadlineNanos) {
        long remainingNanos = deadlineNanos - context.clock().nanoTime();
        return Math.max(1, (remainingNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
    }

    @Override
    public void stop() throws Exception {
        StopWait.close(vertx, context.handling());
    }

    /** Owns the RX queue on the event-loop thread: opened in start, closed in stop, both on the loop. */
    private final class RxVerticle extends VerticleBase {

        private RxQueue rx;
        private CallPool slots;
        private volatile String threadName;
        private boolean stopped;

        Context loopContext() {
            return context;
        }

        @Override
        public Future<?> start() {
            onLoopThread.run();
            ConsumerContext consumer = EventLoopConsumer.this.context;
            Handling handling = consumer.handling();
            if (handling.asyncOnLoop()) {
                // a completion only frees its slot: the poll loop takes as many packets as slots are free
                slots = handling.newPool(consumer.shape().socketSlots(), NO_TASK);
                RxCounters counters = consumer.counters();
                rx = consumer.openQueue((descriptor, packetWokenNanos, raisedNanos, deliveredNanos) -> {
                    HandlerCall slot = slots.acquire();
                    if (slot == null) {
                        counters.addSocketFull(); // cannot happen: the poll's budget is the free slots
                        return;
                    }
                    slot.holder().set(descriptor, raisedNanos, deliveredNanos, packetWokenNanos);
                    handling.start(slot, packetWokenNanos);
                });
            } else {
                rx = consumer.openQueue();
            }
            threadName = Thread.currentThread().getName();
            if (driver.startsPolling()) {
                context.runOnContext(pollNowTask);
            } else {
                waitingForInterrupt = true;
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<?> stop() {
            stopped = true;
            rx.close();
            return Future.succeededFuture();
        }
    }
}
