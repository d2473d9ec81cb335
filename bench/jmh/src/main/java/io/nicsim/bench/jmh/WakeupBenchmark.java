package io.nicsim.bench.jmh;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The wake-up cost of each consumer kind, as a ping-pong: one operation is a round trip (ping wakes pong,
 * pong wakes ping), so one wake-up is about half the score. Groups:
 * <ul>
 *   <li>{@code spin}: two threads spinning on a volatile field: the machine's floor (a cache line moving
 *       between two cores twice);</li>
 *   <li>{@code platformPark}: two platform threads that park and unpark each other (a futex wake-up and the
 *       OS scheduler, each way), as the platform-thread consumer waits;</li>
 *   <li>{@code virtualPark}: the same between two virtual threads (the fork runs JMH's workers as virtual
 *       threads, {@code -Djmh.executor=VIRTUAL}): the JVM's scheduler mounting each on a carrier;</li>
 *   <li>{@code eventLoop}: a foreign thread hands a task to a sleeping Vert.x event loop with
 *       {@code runOnContext} (a task queue and a selector wake-up), the task answers through a volatile field
 *       the foreign thread spins on; the wake-up is about the score minus half of {@code spin}'s.</li>
 * </ul>
 * Waits re-check JMH's {@link Control#stopMeasurement} (parks are timed for that), so the last round trip of an
 * iteration cannot hang. On a 2-vCPU VM expect several times the figures of bare metal for the OS wake-ups.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WakeupBenchmark {

    /** Longest park before a waiter re-checks whether the iteration ended. */
    private static final long PARK_TIMEOUT_NANOS = 10_000_000L;

    /** The ball of a ping-pong: odd while it is pong's turn, even while it is ping's. */
    @State(Scope.Group)
    public static class Ball {
        volatile long ball;
        volatile Thread ping;
        volatile Thread pong;
    }

    /**
     * Waits until the ball has the given parity (0: ping's turn, 1: pong's), spinning or parking; only the side
     * whose turn it is moves the ball, so an iteration that ends mid-wait leaves the game consistent.
     */
    private static long await(Ball b, long parity, boolean park, Control control) {
        long ball;
        while (((ball = b.ball) & 1) != parity && !control.stopMeasurement) {
            if (park) {
                LockSupport.parkNanos(b, PARK_TIMEOUT_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
        return ball;
    }

    private static long ping(Ball b, boolean park, Control control) {
        Thread me = Thread.currentThread();
        if (b.ping != me) {
            b.ping = me;
        }
        long ball = await(b, 0, park, control);
        if ((ball & 1) != 0) {
            return ball; // the iteration ended
        }
        b.ball = ball + 1;
        if (park) {
            LockSupport.unpark(b.pong);
        }
        return await(b, 0, park, control);
    }

    private static long pong(Ball b, boolean park, Control control) {
        Thread me = Thread.currentThread();
        if (b.pong != me) {
            b.pong = me;
        }
        long ball = await(b, 1, park, control);
        if ((ball & 1) == 0) {
            return ball; // the iteration ended
        }
        b.ball = ball + 1;
        if (park) {
            LockSupport.unpark(b.ping);
        }
        return ball;
    }

    @Benchmark
    @Group("spin")
    @GroupThreads(1)
    public long spinPing(Ball b, Control control) {
        return ping(b, false, control);
    }

    @Benchmark
    @Group("spin")
    @GroupThreads(1)
    public long spinPong(Ball b, Control control) {
        return pong(b, false, control);
    }

    @Benchmark
    @Group("platformPark")
    @GroupThreads(1)
    public long platformPing(Ball b, Control control) {
        return ping(b, true, control);
    }

    @Benchmark
    @Group("platformPark")
    @GroupThreads(1)
    public long platformPong(Ball b, Control control) {
        return pong(b, true, control);
    }

    /** Refuses to measure platform threads under the virtual-thread name (e.g. when run with {@code -f 0}). */
    @State(Scope.Thread)
    public static class VirtualOnly {
        @Setup(Level.Trial)
        public void check() {
            if (!Thread.currentThread().isVirtual()) {
                throw new IllegalStateException("virtualPark needs JMH's workers on virtual threads: run it forked "
                        + "(its @Fork adds -Djmh.executor=VIRTUAL) or pass -jvmArgsAppend -Djmh.executor=VIRTUAL");
            }
        }
    }

    @Benchmark
    @Group("virtualPark")
    @GroupThreads(1)
    @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public long virtualPing(Ball b, VirtualOnly check, Control control) {
        return ping(b, true, control);
    }

    @Benchmark
    @Group("virtualPark")
    @GroupThreads(1)
    @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public long virtualPong(Ball b, VirtualOnly check, Control control) {
        return pong(b, true, control);
    }

    // Vert.x

    /** One event loop, and the task it runs for each ping. */
    @State(Scope.Group)
    public static class Loop {
        Vertx vertx;
        Context context;
        volatile long ball;
        /** Pings handed to the loop so far (the ping thread's own count). */
        long submitted;
        final Handler<Void> pong = ignored -> ball = ball + 1;

        @Setup(Level.Trial)
        public void start() {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1));
            context = vertx.getOrCreateContext();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    @Group("eventLoop")
    @GroupThreads(1)
    public long eventLoopPing(Loop loop, Control control) {
        while (loop.ball != loop.submitted && !control.stopMeasurement) {
            Thread.onSpinWait(); // an answer still owed from an iteration that ended mid-wait
        }
        long next = ++loop.submitted;
        loop.context.runOnContext(loop.pong);
        while (loop.ball != next && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return next;
    }
}
