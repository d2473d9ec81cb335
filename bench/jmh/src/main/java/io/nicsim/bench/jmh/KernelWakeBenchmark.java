package io.nicsim.bench.jmh;

import io.nicsim.host.kernel.Epoll;
import io.nicsim.host.kernel.EventFd;
import io.nicsim.host.kernel.ReadinessWait;
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

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's wake path through FFM, the epoll consumers' hot path: run with {@code -prof gc} it shows that none of
 * its calls allocates (the eventfd's and epoll's buffers are preallocated). Benchmarks:
 * <ul>
 *   <li>{@code writeWaitRead}: one thread writes an eventfd, finds it ready in {@code epoll_wait} and reads the
 *       counter: the three system calls of one interrupt, without a sleep (the calls' own cost);</li>
 *   <li>{@code pingPong}: two threads, each asleep in {@code epoll_wait} on an eventfd of its own, wake each other by
 *       a write: one operation is a round trip, so one wake-up (write to {@code epoll_wait} returning) is about half
 *       the score. Waits re-check JMH's {@link Control#stopMeasurement} every {@value #WAIT_TIMEOUT_NANOS} ns, so the
 *       last round trip of an iteration cannot hang.</li>
 * </ul>
 * Linux only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelWakeBenchmark {

    /** Longest wait before a waiter re-checks whether the iteration ended. */
    private static final long WAIT_TIMEOUT_NANOS = 10_000_000L;

    /** One thread's eventfd in its epoll set. */
    @State(Scope.Thread)
    public static class Single {
        Arena arena;
        Epoll epoll;
        EventFd fd;

        @Setup(Level.Trial)
        public void open() {
            arena = Arena.ofShared();
            epoll = Epoll.open(arena, 1);
            fd = EventFd.open(arena, false);
            epoll.add(fd.fd(), 0);
        }

        @TearDown(Level.Trial)
        public void close() {
            epoll.close();
            fd.close();
            arena.close();
        }
    }

    @Benchmark
    public long writeWaitRead(Single s) {
        s.fd.add(1);
        s.epoll.await(ReadinessWait.FOREVER);
        return s.fd.take();
    }

    /** Two eventfds, each watched by its own epoll set: one per side of the ping-pong. */
    @State(Scope.Group)
    public static class Pair {
        Arena arena;
        Epoll pingWaits;
        Epoll pongWaits;
        EventFd toPing;
        EventFd toPong;

        @Setup(Level.Trial)
        public void open() {
            arena = Arena.ofShared();
            pingWaits = Epoll.open(arena, 1);
            pongWaits = Epoll.open(arena, 1);
            toPing = EventFd.open(arena, false);
            toPong = EventFd.open(arena, false);
            pingWaits.add(toPing.fd(), 0);
            pongWaits.add(toPong.fd(), 0);
        }

        @TearDown(Level.Trial)
        public void close() {
            pingWaits.close();
            pongWaits.close();
            toPing.close();
            toPong.close();
            arena.close();
        }
    }

    /** Sleeps in {@code waits} until {@code fd} has a count, and takes it; 0 if the iteration ended first. */
    private static long await(Epoll waits, EventFd fd, Control control) {
        while (!control.stopMeasurement) {
            if (waits.await(WAIT_TIMEOUT_NANOS) > 0) {
                return fd.take();
            }
        }
        return 0;
    }

    @Benchmark
    @Group("pingPong")
    @GroupThreads(1)
    public long ping(Pair p, Control control) {
        p.toPong.add(1);
        return await(p.pingWaits, p.toPing, control);
    }

    @Benchmark
    @Group("pingPong")
    @GroupThreads(1)
    public long pong(Pair p, Control control) {
        long got = await(p.pongWaits, p.toPong, control);
        if (got > 0) {
            p.toPing.add(1);
        }
        return got;
    }
}
