package io.nicsim.bench.scale;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Waiting consumers on one Vert.x event loop: each is a callback (with its own small state, as a connection
 * handler has) that the loop runs when its packet arrives. No thread, no stack: what a waiter costs is its
 * callback object; waking one is a task hand-off to the loop.
 */
final class EventLoopWaiters implements Waiters {

    private Vertx vertx;
    private Context context;
    private Handler<Void>[] callbacks;
    private AtomicLongArray woken;

    @Override
    public void prepare() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        context = vertx.getOrCreateContext();
        java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(ignored -> ready.complete(null));
        ready.get(30, TimeUnit.SECONDS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public int create(int count) {
        woken = new AtomicLongArray(count);
        callbacks = new Handler[count];
        for (int i = 0; i < count; i++) {
            callbacks[i] = new ConsumerCallback(i, woken);
        }
        return count;
    }

    /** One waiting consumer: its index and a few fields of state, as a protocol handler would keep. */
    private record ConsumerCallback(int index, AtomicLongArray woken) implements Handler<Void> {
        @Override
        public void handle(Void ignored) {
            woken.set(index, System.nanoTime());
        }
    }

    @Override
    public String stopReason() {
        return null;
    }

    @Override
    public void wake(int index) {
        context.runOnContext(callbacks[index]);
    }

    @Override
    public long wokenNanos(int index) {
        return woken.get(index);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
