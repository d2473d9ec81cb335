package io.nicsim.bench.run.calibrate;

import io.nicsim.host.cost.TaskCosts;
import io.nicsim.host.cost.TaskSample;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Timed waits measured on each kind of thread the consumers use: how late a wait of {@link #WAIT_NANOS} ends, and
 * the CPU it costs (the thread's, or the carriers' or the event loop's, from /proc). A handler's blocking wait and a
 * driver's timed sleep are such waits; in a VM arming and taking a timer cost VM exits, so they are measured, not
 * assumed.
 *
 * @param platform a platform thread's {@code LockSupport.parkNanos}
 * @param virtual  a virtual thread's {@code LockSupport.parkNanos} (carriers and their delay scheduler)
 * @param loop     a Vert.x event loop's timer ({@code Vertx.timer}), as the event-loop consumers wait
 */
public record TimedWaits(Wait platform, Wait virtual, Wait loop) {

    /** The wait measured: the consumer-shapes scenario's blocking wait. */
    public static final long WAIT_NANOS = 50_000;
    /** Waits measured per kind of thread, after as many again to warm up. */
    public static final int WAITS = 2_000;

    /**
     * One kind of thread's waits.
     *
     * @param threads         what waited, in words
     * @param lateness        how long after its deadline each wait ended
     * @param cpuNanosPerWait CPU of the waiting threads per wait (NaN where /proc is missing)
     */
    public record Wait(String threads, Histogram lateness, double cpuNanosPerWait) {
    }

    /** @return waits of {@code waitNanos} measured {@code waits} times on each kind of thread */
    public static TimedWaits measure(int waits, long waitNanos) throws Exception {
        return new TimedWaits(parked(Thread.ofPlatform().name("nicsim-timed-wait"), "a platform thread",
                        TaskCosts.namesStartingWith("nicsim-timed-wait"), waits, waitNanos),
                parked(Thread.ofVirtual(), "a virtual thread (carriers)", TaskCosts.namesStartingWith("ForkJoinPool-"),
                        waits, waitNanos),
                loop(waits, waitNanos));
    }

    private static Wait parked(Thread.Builder builder, String threads, Predicate<String> cpuOf, int waits,
                               long waitNanos) throws InterruptedException {
        Histogram lateness = new Histogram(3);
        double[] cpu = new double[1];
        Thread thread = builder.start(() -> {
            parkRepeatedly(waits, waitNanos, new Histogram(3)); // warm-up
            Map<Long, TaskSample> before = TaskCosts.snapshot();
            parkRepeatedly(waits, waitNanos, lateness);
            cpu[0] = perWait(before, cpuOf, waits);
        });
        thread.join();
        return new Wait(threads, lateness, cpu[0]);
    }

    private static void parkRepeatedly(int waits, long waitNanos, Histogram lateness) {
        for (int i = 0; i < waits; i++) {
            long deadline = System.nanoTime() + waitNanos;
            LockSupport.parkNanos(waitNanos);
            long now = System.nanoTime();
            while (now < deadline) { // an early return of park (allowed) waits on
                LockSupport.parkNanos(deadline - now);
                now = System.nanoTime();
            }
            lateness.recordValue(now - deadline);
        }
    }

    private static Wait loop(int waits, long waitNanos) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            Histogram warmUp = new Histogram(3);
            chainTimers(vertx, waits, waitNanos, warmUp).get(1, TimeUnit.MINUTES);
            Histogram lateness = new Histogram(3);
            Map<Long, TaskSample> before = TaskCosts.snapshot();
            chainTimers(vertx, waits, waitNanos, lateness).get(1, TimeUnit.MINUTES);
            return new Wait("a Vert.x event loop (timers)", lateness,
                    perWait(before, TaskCosts.namesStartingWith("vert.x-eventloop"), waits));
        } finally {
            vertx.close().await();
        }
    }

    /** @return done when {@code waits} timers, each set when the one before fired, have fired */
    private static CompletableFuture<Void> chainTimers(Vertx vertx, int waits, long waitNanos, Histogram lateness) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> next(vertx, waits, waitNanos, lateness, done));
        return done;
    }

    private static void next(Vertx vertx, int left, long waitNanos, Histogram lateness, CompletableFuture<Void> done) {
        if (left == 0) {
            done.complete(null);
            return;
        }
        long deadline = System.nanoTime() + waitNanos;
        vertx.timer(waitNanos, TimeUnit.NANOSECONDS).onComplete(ignored -> {
            lateness.recordValue(Math.max(0, System.nanoTime() - deadline));
            next(vertx, left - 1, waitNanos, lateness, done);
        });
    }

    private static double perWait(Map<Long, TaskSample> before, Predicate<String> threads, int waits) {
        if (before.isEmpty()) {
            return Double.NaN;
        }
        return TaskCosts.between(before, TaskCosts.snapshot(), threads, "waits").cpuNanos() / (double) waits;
    }
}
