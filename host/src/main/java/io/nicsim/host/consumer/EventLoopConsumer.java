package io.nicsim.host.consumer;

import io.nicsim.host.rx.RxDrain;
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
 * ever being allowed to block.
 */
public final class EventLoopConsumer implements Consumer {

    /** Name in scenario files and output. */
    public static final String NAME = "event-loop";

    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final ConsumerContext context;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Handler<Void> drainTask = ignored -> drainOnLoop();
    private Vertx vertx;
    private RxVerticle verticle;

    public EventLoopConsumer(ConsumerContext context) {
        this.context = context;
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
    public void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        verticle = new RxVerticle();
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
                .get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void onInterrupt(long raisedNanos, long deliveredNanos) {
        if (!scheduled.getAndSet(true)) {
            verticle.loopContext().runOnContext(drainTask);
        }
    }

    private void drainOnLoop() {
        scheduled.set(false);
        verticle.drain.drain(context.clock().nanoTime());
    }

    @Override
    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Owns the RX drain on the event-loop thread: opened in start, closed in stop, both on the loop. */
    private final class RxVerticle extends VerticleBase {

        private RxDrain drain;
        private volatile String threadName;

        Context loopContext() {
            return context;
        }

        @Override
        public Future<?> start() {
            drain = EventLoopConsumer.this.context.openDrain();
            threadName = Thread.currentThread().getName();
            return Future.succeededFuture();
        }

        @Override
        public Future<?> stop() {
            drain.close();
            return Future.succeededFuture();
        }
    }
}
